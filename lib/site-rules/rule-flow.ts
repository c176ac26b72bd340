// What the options page does with site rules, apart from the UI: validate, ask the browser for the
// site's host permission (only when a rule is enabled, from the click that enables it), store, and
// (un)register the overlay's content script. The browser calls are injected so the flow is tested
// without a prompt (headless Chromium cannot answer one).
import { browser } from 'wxt/browser';
import { patternOrigin } from '../schema/match-pattern';
import { StoredSiteRule } from '../schema/site-rule';
import { syncOverlayScripts } from './registration';
import { saveSiteRules } from './save';
import { loadSiteRules } from './storage';

export interface RuleFlowDeps {
  /** permissions.request: must be the first await after the user's click. */
  request(origins: string[]): Promise<boolean>;
  remove(origins: string[]): Promise<boolean>;
  load(): Promise<StoredSiteRule[]>;
  save(rules: StoredSiteRule[]): Promise<unknown>;
  /** Re-registers the content scripts for the stored rules. */
  sync(): Promise<unknown>;
  now(): Date;
}

export type RuleOutcome = { ok: true; rule: StoredSiteRule; granted: boolean } | { ok: false; error: string };

/** Validates a new rule from the form, asks for its site, stores it (enabled only when granted). */
export async function addRule(deps: RuleFlowDeps, draft: Record<string, unknown>): Promise<RuleOutcome> {
  const parsed = StoredSiteRule.safeParse({ ...draft, enabled: true, source: 'admin', updatedAt: deps.now().toISOString() });
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ') };
  const origin = patternOrigin(parsed.data.match)!;
  // Asked before anything else is awaited, so the click still counts as the user's gesture.
  const granted = await deps.request([origin]);
  const existing = await deps.load();
  if (existing.some((r) => r.id === parsed.data.id)) return { ok: false, error: `A site rule named "${parsed.data.name}" exists already.` };
  const rule = { ...parsed.data, enabled: granted };
  await deps.save([...existing, rule]);
  await deps.sync();
  return { ok: true, rule, granted };
}

/** Turns a rule on (asking for its site first) or off (giving the site's permission back when no other rule needs it). */
export async function setRuleEnabled(deps: RuleFlowDeps, id: string, on: boolean, match: string): Promise<{ ok: boolean; error?: string }> {
  const origin = patternOrigin(match);
  if (!origin) return { ok: false, error: 'This rule has no valid address.' };
  if (on && !(await deps.request([origin]))) return { ok: false, error: `Tandem was not allowed on ${origin}.` };
  const rules = await deps.load();
  const next = rules.map((r) => (r.id === id ? { ...r, enabled: on, updatedAt: deps.now().toISOString() } : r));
  await deps.save(next);
  if (!on && !next.some((r) => r.enabled && patternOrigin(r.match) === origin)) await deps.remove([origin]).catch(() => false);
  await deps.sync();
  return { ok: true };
}

/** Deletes an admin-made rule (server rules come back with the next sync: they are turned off instead). */
export async function deleteRule(deps: RuleFlowDeps, id: string): Promise<void> {
  const rules = await deps.load();
  const rule = rules.find((r) => r.id === id);
  if (rule?.source !== 'admin') return;
  const next = rules.filter((r) => r.id !== id);
  await deps.save(next);
  const origin = patternOrigin(rule.match);
  if (origin && !next.some((r) => r.enabled && patternOrigin(r.match) === origin)) await deps.remove([origin]).catch(() => false);
  await deps.sync();
}

/** The real browser behind the flow (options page). */
export function browserRuleDeps(): RuleFlowDeps {
  return {
    request: (origins) => browser.permissions.request({ origins }),
    remove: (origins) => browser.permissions.remove({ origins }),
    load: loadSiteRules,
    save: (rules) => saveSiteRules(rules),
    sync: () => syncOverlayScripts(),
    now: () => new Date(),
  };
}

/** A readable slug for a new rule's name, its id. */
export function ruleId(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'site'
  );
}
