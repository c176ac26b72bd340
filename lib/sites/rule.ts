// The adapter for a custom site: reads the customer's identities with the CSS selectors an admin (or
// a manager, through the server) put in a site rule. Same contract as the built-in adapters: plain
// reads of the DOM, no network, returns null when the rule's elements are not on the page (the
// registry then falls back to the generic adapter).

import { identities, identityKey } from '../identity/page-identity';
import type { IdentityKind, PageContext } from '../schema';
import { urlMatchesPattern } from '../schema/match-pattern';
import type { RuleField, StoredSiteRule } from '../schema/site-rule';
import { buildContext, clipTail, nonEmpty, text } from './dom';
import type { SiteAdapter } from './types';

const IDENTITY_FIELDS: ReadonlyArray<readonly [RuleField, IdentityKind]> = [
  ['email', 'email'],
  ['phone', 'phone'],
  ['twitter', 'twitter'],
];
const MAX_PER_FIELD = 5;

/** The elements a rule's selector finds; an invalid selector finds nothing rather than throwing. */
function all(doc: Document, selector: string | undefined): Element[] {
  if (!selector) return [];
  try {
    return Array.from(doc.querySelectorAll(selector)).slice(0, MAX_PER_FIELD);
  } catch {
    return [];
  }
}

/** What an element holds: a form field's value, a mailto:/tel: link's target, else its text. */
function fieldValue(el: Element): string {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return el.value;
  const href = el.getAttribute('href') ?? el.querySelector('a[href^="mailto:"], a[href^="tel:"]')?.getAttribute('href') ?? '';
  if (/^(mailto|tel):/i.test(href)) return href;
  return text(el);
}

export function ruleAdapter(rule: StoredSiteRule): SiteAdapter {
  const adapter: SiteAdapter = {
    name: `rule:${rule.id}`,
    matches: (url) => urlMatchesPattern(rule.match, url),
    read(doc: Document, url: URL): PageContext | null {
      const s = rule.selectors;
      const candidates: Array<[IdentityKind, string]> = [];
      for (const [field, kind] of IDENTITY_FIELDS) for (const el of all(doc, s[field])) candidates.push([kind, fieldValue(el)]);
      const found = identities(candidates);
      const name = nonEmpty(all(doc, s.name).map(fieldValue)[0]);
      if (found.length === 0 && !name) return null;
      return buildContext(doc, url, {
        site: adapter.name,
        identities: found,
        displayName: name,
        recordId: nonEmpty(all(doc, s.recordId).map(fieldValue)[0]),
        subject: nonEmpty(doc.title),
        conversation: clipTail(all(doc, s.conversation).map(text).join('\n\n'), 5000),
        visibility: rule.visibility,
        hasReplyBox: false,
      });
    },
    replyBox: () => null,
  };
  return adapter;
}

/** The first enabled rule for this address, if any. */
export function ruleFor(rules: readonly StoredSiteRule[], url: URL): StoredSiteRule | null {
  return rules.find((r) => r.enabled && urlMatchesPattern(r.match, url)) ?? null;
}

/**
 * A built-in site with an admin's published selector override (a site rule whose pattern covers the
 * site's pages): the rule's selectors are read first, then the adapter's own layers, so a layout the
 * adapter does not know yet still names the customer, without an extension update. Everything else
 * (the site's name, reply box, capture buttons, record pages) stays the adapter's.
 */
export function overrideAdapter(builtIn: SiteAdapter, rule: StoredSiteRule): SiteAdapter {
  const byRule = ruleAdapter(rule);
  return {
    ...builtIn,
    read(doc: Document, url: URL): PageContext | null {
      let own: PageContext | null = null;
      try {
        own = builtIn.read(doc, url);
      } catch {
        own = null;
      }
      const fromRule = byRule.read(doc, url);
      if (!fromRule) return own;
      const seen = new Set<string>();
      const found = [...fromRule.identities, ...(own?.identities ?? [])].filter((i) => {
        const key = identityKey(i);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      return {
        ...(own ?? fromRule),
        site: builtIn.name,
        identities: found,
        displayName: fromRule.displayName ?? own?.displayName ?? null,
        recordId: own?.recordId ?? fromRule.recordId,
        conversation: own?.conversation || fromRule.conversation,
        // The rule's identities are not in the adapter's evidence: they count as fully as the adapter's own reading.
        ...(own?.evidence ? { evidence: own.evidence } : {}),
      };
    },
  };
}
