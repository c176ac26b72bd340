// Content gaps: when a page gets no confident suggestion (the quiet answer) or an agent's search finds nothing, the
// device notes what was asked as its informative terms (learning.ts `learnableTerms`: letters only, no identities,
// numbers or addresses), keeps it at once (offline too) and sends it after each sync. Managers see the gaps grouped by
// similar terms in the console, with "Draft an article" (server/knowledge/gap-groups.ts).
import type { ApiClient } from '../api/client';
import { createPendingList, type TandemDatabase } from '../db';
import { type KnowledgeGap, MAX_GAPS } from '../schema/knowledge-gaps';

const PENDING_KEY = 'knowledge.gaps.pending';
/** The same terms met again this soon are the same gap (a page re-ranked, a search retyped), not another. */
const REPEAT_WINDOW_MS = 10 * 60_000;
/** Recent term sets remembered for that, at most. */
const MAX_RECENT = 200;

export type GapsApi = { knowledgeReview: Pick<ApiClient['knowledgeReview'], 'sendGaps'> };

export function createGapQueue({ db, now }: { db: TandemDatabase; now: () => Date }) {
  const list = createPendingList<KnowledgeGap>(db, PENDING_KEY);
  /** Sorted terms → when last recorded. */
  const recent = new Map<string, number>();

  return {
    /** Keeps a gap unless its terms are empty or were recorded moments ago; answers whether it was kept. */
    async record(source: KnowledgeGap['source'], site: string | null, terms: readonly string[]): Promise<boolean> {
      if (terms.length === 0) return false;
      const key = [...terms].sort().join(' ');
      const at = now().getTime();
      const last = recent.get(key);
      if (last !== undefined && at - last < REPEAT_WINDOW_MS) return false;
      recent.delete(key);
      recent.set(key, at);
      if (recent.size > MAX_RECENT) recent.delete(recent.keys().next().value as string);
      await list.add({ id: crypto.randomUUID(), source, site, terms: [...terms], occurredAt: new Date(at).toISOString() });
      return true;
    },
    pending: list.pending,
    sync: (api: GapsApi): Promise<void> => list.flush(MAX_GAPS, (batch) => api.knowledgeReview.sendGaps(batch)),
  };
}

export type GapQueue = ReturnType<typeof createGapQueue>;
