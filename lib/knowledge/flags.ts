// Agents' flags ("outdated / wrong / missing info") on suggested items: kept on this device at once (offline too)
// and sent to the team's review list after each sync, ids making a retry harmless. What a flag says of the page is
// its site and informative terms (learning.ts `learnableTerms`: letters only, no identities), never its text.
import type { ApiClient } from '../api/client';
import { createPendingList, type TandemDatabase } from '../db';
import { type FlagReason, type KnowledgeFlag, MAX_FLAG_NOTE, MAX_FLAGS } from '../schema/knowledge-review';
import { learnableTerms } from './learning';
import type { KnowledgeIndex } from './search-index';

const PENDING_KEY = 'knowledge.flags.pending';

export type FlagsApi = { knowledgeReview: Pick<ApiClient['knowledgeReview'], 'sendFlags'> };

export interface FlagInput {
  itemKind: 'article' | 'snippet';
  itemId: string;
  reason: FlagReason;
  note: string;
}

/** Where a flag was raised: the page's site and informative terms only. */
export interface FlaggedPage {
  site: string | null;
  terms: string[];
}

/**
 * A flag from the side panel's search: the words searched for stand in for the page (the item was never suggested
 * on one), as the same terms a search that found nothing leaves as a content gap.
 */
export function searchedPage(index: KnowledgeIndex, searched: { text: string; site: string | null }): FlaggedPage {
  return { site: searched.site, terms: learnableTerms(index, { subject: searched.text, conversation: '', identities: [], displayName: null }) };
}

export function createFlagQueue({ db, now }: { db: TandemDatabase; now: () => Date }) {
  const list = createPendingList<KnowledgeFlag>(db, PENDING_KEY);
  return {
    /** Keeps the flag for the next sync; resolves once it is stored. */
    async add(input: FlagInput, page: FlaggedPage): Promise<void> {
      await list.add({
        id: crypto.randomUUID(),
        ...input,
        note: input.note.trim().slice(0, MAX_FLAG_NOTE),
        site: page.site,
        terms: page.terms,
        occurredAt: now().toISOString(),
      });
    },
    pending: list.pending,
    /** After each sync: the unsent flags go to the server, in batches; a failed batch stays for the next sync. */
    sync: (api: FlagsApi): Promise<void> => list.flush(MAX_FLAGS, (batch) => api.knowledgeReview.sendFlags(batch)),
  };
}

export type FlagQueue = ReturnType<typeof createFlagQueue>;
