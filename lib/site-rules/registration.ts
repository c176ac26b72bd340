// The overlay's content script on hosts the manifest does not list, registered at run time: the
// organisation's CRM tenants (lib/org-hosts/, from the server) and custom sites (one per enabled rule
// whose host permission the agent granted). Idempotent: call it after any change to the rules, the
// organisation's hosts or the permissions (options page after a change; the background at start-up,
// after a sync that changed them, and at sign-out).
import { browser } from 'wxt/browser';
import { loadOrgHosts } from '../org-hosts/storage';
import { patternOrigin } from '../schema/match-pattern';
import { orgHostPattern } from '../schema/org-hosts';
import { SITE_MATCHES } from '../schema/site-catalog';
import type { StoredSiteRule } from '../schema/site-rule';
import { loadSiteRules } from './storage';

export const RULE_SCRIPT_PREFIX = 'tandem-rule-';
export const ORG_HOST_SCRIPT_PREFIX = 'tandem-org-';
const OVERLAY_JS = 'content-scripts/overlay.js';

/** One run-time registration of the overlay. */
export interface OverlayScript {
  id: string;
  matches: string[];
  excludeMatches?: string[];
}

/** The part of browser.scripting this uses (a fake in tests: fakeBrowser has none). */
export type Scripting = Pick<typeof browser.scripting, 'getRegisteredContentScripts' | 'registerContentScripts' | 'unregisterContentScripts'>;

/** Whether the browser has granted the host permission a pattern needs. */
export async function ruleHasPermission(rule: Pick<StoredSiteRule, 'match'>): Promise<boolean> {
  const origin = patternOrigin(rule.match);
  return origin ? browser.permissions.contains({ origins: [origin] }) : false;
}

/** What should be registered: the overlay on each organisation host, and on each permitted rule's site. */
export function overlayScriptsFor(orgHosts: readonly string[], permittedRules: readonly StoredSiteRule[]): OverlayScript[] {
  return [
    ...orgHosts.map((host) => ({ id: `${ORG_HOST_SCRIPT_PREFIX}${host}`, matches: [orgHostPattern(host)] })),
    // Built-in sites get the overlay from the manifest or their organisation's hosts: never twice,
    // and never on a tenant the organisation has not listed.
    ...permittedRules.map((rule) => ({ id: `${RULE_SCRIPT_PREFIX}${rule.id}`, matches: [rule.match], excludeMatches: [...SITE_MATCHES] })),
  ];
}

/** Replaces Tandem's run-time registrations with these (others' registrations are left alone). */
export async function registerOverlayScripts(scripting: Scripting, wanted: readonly OverlayScript[]): Promise<void> {
  const ours = (id: string) => id.startsWith(RULE_SCRIPT_PREFIX) || id.startsWith(ORG_HOST_SCRIPT_PREFIX);
  const registered = (await scripting.getRegisteredContentScripts()).filter((s) => ours(s.id));
  if (registered.length > 0) await scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  if (wanted.length === 0) return;
  // document_start as in the manifest: the overlay frame starts loading while the page is parsed (entrypoints/overlay.content).
  await scripting.registerContentScripts(wanted.map((s) => ({ ...s, js: [OVERLAY_JS], runAt: 'document_start' as const, persistAcrossSessions: true })));
}

/**
 * Registers the overlay on the organisation's hosts and every enabled, permitted rule's site, and
 * unregisters the rest; returns the rule ids registered.
 */
export async function syncOverlayScripts(rules?: readonly StoredSiteRule[]): Promise<string[]> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return [];
  const [all, orgHosts] = await Promise.all([rules ?? loadSiteRules(), loadOrgHosts()]);
  const permitted: StoredSiteRule[] = [];
  for (const rule of all) if (rule.enabled && (await ruleHasPermission(rule))) permitted.push(rule);
  await registerOverlayScripts(scripting, overlayScriptsFor(orgHosts, permitted));
  return permitted.map((r) => r.id);
}
