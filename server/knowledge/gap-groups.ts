// Grouping agents' content gaps by similar terms (server/knowledge/gaps.ts reads them): each gap joins the group whose
// terms it shares most with, when they share enough, else starts one. Pure, so the console's grouping is tested alone.
import type { GapGroup } from '../../lib/schema/knowledge-gaps';

export interface GapRow {
  source: 'page' | 'search';
  site: string | null;
  terms: readonly string[];
  occurredAt: string;
}

/** A gap joins a group when this share of its terms is among the group's top terms. */
const MIN_OVERLAP = 0.5;
/** The terms that name a group (and that new gaps are compared with). */
const GROUP_TERMS = 6;

interface Building {
  counts: Map<string, number>;
  top: string[];
  rows: GapRow[];
}

const topTerms = (counts: Map<string, number>) =>
  [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, GROUP_TERMS)
    .map(([t]) => t);

export function groupGaps(rows: readonly GapRow[]): GapGroup[] {
  const groups: Building[] = [];
  // Oldest first, so a group's name settles on its commonest terms as gaps arrive.
  for (const row of [...rows].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))) {
    const terms = [...new Set(row.terms)];
    if (terms.length === 0) continue;
    let best: Building | null = null;
    let bestShare = 0;
    for (const g of groups) {
      const share = terms.filter((t) => g.top.includes(t)).length / Math.min(terms.length, GROUP_TERMS);
      if (share > bestShare) [best, bestShare] = [g, share];
    }
    const group = best && bestShare >= MIN_OVERLAP ? best : { counts: new Map<string, number>(), top: [], rows: [] };
    if (group !== best) groups.push(group);
    for (const t of terms) group.counts.set(t, (group.counts.get(t) ?? 0) + 1);
    group.top = topTerms(group.counts);
    group.rows.push(row);
  }
  return groups
    .map((g) => ({
      terms: g.top,
      count: g.rows.length,
      pages: g.rows.filter((r) => r.source === 'page').length,
      searches: g.rows.filter((r) => r.source === 'search').length,
      sites: [...new Set(g.rows.flatMap((r) => (r.site ? [r.site] : [])))].sort(),
      // Rows joined oldest first: the last is the latest.
      lastSeenAt: g.rows.at(-1)?.occurredAt ?? '',
    }))
    .sort((a, b) => b.count - a.count || b.lastSeenAt.localeCompare(a.lastSeenAt));
}
