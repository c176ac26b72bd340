// Which of the people a page's identities found is the one in focus: the agent's pick for this record
// first, then the person whose identities in common were read with most confidence (an adapter's precise
// reading outweighs an email harvested from a side panel: lib/sites/harvest.ts), then by name. The others
// close to the first are "plausible": the overlay offers the agent a pick between them.
import { normalizeIdentity, phoneCountry } from '../identity/normalize';
import { identityKey } from '../identity/page-identity';
import type { Customer, PageContext } from '../schema';

/** How close (share of the first's score) another person must come to be offered as a pick. */
export const PLAUSIBLE_SHARE = 0.8;

/**
 * The confidence of each identity the page reported, by canonical key ("kind:value", phones in E.164).
 * An identity reported without evidence (a custom site rule, an older content script) counts fully.
 */
export function pageConfidence(context: Pick<PageContext, 'identities' | 'evidence' | 'country'>): Map<string, number> {
  const defaultCountry = phoneCountry(context.country);
  const confidence = new Map<string, number>();
  const add = (kind: Parameters<typeof normalizeIdentity>[0], value: string, weight: number) => {
    const canonical = normalizeIdentity(kind, value, { defaultCountry });
    if (!canonical) return;
    const key = identityKey(canonical);
    confidence.set(key, Math.max(confidence.get(key) ?? 0, weight));
  };
  if (context.evidence?.length) for (const e of context.evidence) add(e.kind, e.value, e.confidence);
  // Identities the evidence does not cover (or all of them, without evidence) count fully.
  for (const i of context.identities) {
    const canonical = normalizeIdentity(i.kind, i.value, { defaultCountry });
    if (canonical && !confidence.has(identityKey(canonical))) add(i.kind, i.value, 1);
  }
  return confidence;
}

export interface Ranked<C> {
  /** Most plausible first. */
  ranked: C[];
  /** The ids of the others close enough to the first that the agent may pick between them. */
  plausible: Set<string>;
}

/** Orders the matched customers (each with its canonical identity keys) for the page; `picked` is the agent's pick for the record. */
export function rankPeople<C extends Pick<Customer, 'id' | 'name'>>(
  matches: ReadonlyArray<{ customer: C; keys: readonly string[] }>,
  confidence: ReadonlyMap<string, number>,
  picked: string | null = null,
): Ranked<C> {
  const scored = matches.map(({ customer, keys }) => ({ customer, score: keys.reduce((s, k) => s + (confidence.get(k) ?? 0), 0) }));
  scored.sort(
    (a, b) => Number(b.customer.id === picked) - Number(a.customer.id === picked) || b.score - a.score || a.customer.name.localeCompare(b.customer.name),
  );
  const top = Math.max(...scored.map((s) => s.score), 0);
  const plausible = new Set(scored.slice(1).flatMap((s) => (top > 0 && s.score >= top * PLAUSIBLE_SHARE ? [s.customer.id] : [])));
  // The agent's pick settles it; the first is still offered back while it is a close call.
  if (picked && scored[0]?.customer.id === picked && scored[0].score < top) plausible.delete(picked);
  return { ranked: scored.map((s) => s.customer), plausible };
}
