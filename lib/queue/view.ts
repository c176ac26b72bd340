// What the queue pages derive from a snapshot, as plain functions (the state module wraps them in signals; the bench calls them directly).

import { formatList } from '../i18n/format';
import { t } from '../i18n/t';
import type { PresenceEntry, QueueCase, QueueSnapshot, Teammate } from '../schema/queue';
import { applyFilters, type FacetCounts, facetCounts, type QueueFilters } from './filters';
import { sortQueue } from './sort';

export interface QueueView {
  rows: QueueCase[];
  counts: FacetCounts;
}

export function queueView(cases: readonly QueueCase[], filters: QueueFilters, meId: string | null, now: Date): QueueView {
  return { rows: sortQueue(applyFilters(cases, filters, meId), now), counts: facetCounts(cases, filters, meId) };
}

/** Who else is on each case right now (the agent themself left out), replying before viewing. */
export function presenceByCase(presence: readonly PresenceEntry[], meId: string | null, now: Date): Map<string, PresenceEntry[]> {
  const byCase = new Map<string, PresenceEntry[]>();
  for (const p of presence) {
    if (p.userId === meId || Date.parse(p.expiresAt) <= now.getTime()) continue;
    byCase.set(p.caseId, [...(byCase.get(p.caseId) ?? []), p]);
  }
  for (const list of byCase.values()) list.sort((a, b) => (a.state === b.state ? a.userName.localeCompare(b.userName) : a.state === 'replying' ? -1 : 1));
  return byCase;
}

export function nameIndex(snapshot: Pick<QueueSnapshot, 'teammates' | 'me'> | null): Map<string, string> {
  const names = new Map<string, string>((snapshot?.teammates ?? []).map((t: Teammate) => [t.id, t.name]));
  if (snapshot?.me) names.set(snapshot.me.id, snapshot.me.name);
  return names;
}

/** "Bea Berg is replying", "Bea Berg and Alex Agent are viewing" — what the collision guard shows. */
export function presenceLabel(entries: readonly PresenceEntry[]): string | null {
  if (entries.length === 0) return null;
  const replying = entries.filter((e) => e.state === 'replying').map((e) => e.userName);
  const viewing = entries.filter((e) => e.state === 'viewing').map((e) => e.userName);
  return [
    replying.length === 0 ? null : t(replying.length === 1 ? 'presence_replying_one' : 'presence_replying_other', formatList(replying)),
    viewing.length === 0 ? null : t(viewing.length === 1 ? 'presence_viewing_one' : 'presence_viewing_other', formatList(viewing)),
  ]
    .filter(Boolean)
    .join('; ');
}

/** "Unassigned", "You", or "Claimed by Bea Berg". */
export function assigneeLabel(assigneeId: string | null, meId: string | null, names: ReadonlyMap<string, string>): string {
  if (assigneeId === null) return t('filter_unassigned');
  if (assigneeId === meId) return t('queue_assignee_you');
  return t('queue_claimed_by', names.get(assigneeId) ?? assigneeId);
}
