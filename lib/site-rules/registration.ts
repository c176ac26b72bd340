// Custom sites get the overlay through a dynamically registered content script, one per enabled rule
// whose host permission the agent granted. Idempotent: call it after any change to the rules or the
// permissions (options page after a change; the background at start-up and when sync writes rules).
import { browser } from 'wxt/browser';
import { patternOrigin } from '../schema/match-pattern';
import { SITE_MATCHES } from '../schema/site-catalog';
import type { StoredSiteRule } from '../schema/site-rule';
import { loadSiteRules } from './storage';

export const RULE_SCRIPT_PREFIX = 'tandem-rule-';
const OVERLAY_JS = 'content-scripts/overlay.js';

/** Whether the browser has granted the host permission a rule needs. */
export async function ruleHasPermission(rule: Pick<StoredSiteRule, 'match'>): Promise<boolean> {
  const origin = patternOrigin(rule.match);
  return origin ? browser.permissions.contains({ origins: [origin] }) : false;
}

/** Registers the overlay on every enabled, permitted rule's site and unregisters the rest; returns the rule ids registered. */
export async function syncRuleScripts(rules?: readonly StoredSiteRule[]): Promise<string[]> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return [];
  const all = rules ?? (await loadSiteRules());
  const wanted: StoredSiteRule[] = [];
  for (const rule of all) if (rule.enabled && (await ruleHasPermission(rule))) wanted.push(rule);
  const registered = (await scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(RULE_SCRIPT_PREFIX));
  if (registered.length > 0) await scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  if (wanted.length > 0) {
    await scripting.registerContentScripts(
      wanted.map((rule) => ({
        id: `${RULE_SCRIPT_PREFIX}${rule.id}`,
        matches: [rule.match],
        // Built-in sites already get the overlay from the manifest: never twice.
        excludeMatches: [...SITE_MATCHES],
        js: [OVERLAY_JS],
        runAt: 'document_end' as const,
        persistAcrossSessions: true,
      })),
    );
  }
  return wanted.map((r) => r.id);
}
