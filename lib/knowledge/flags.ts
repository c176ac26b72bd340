// Agents' flags ("outdated / wrong / missing info") on suggested items: kept on this device at once (offline too)
// and sent to the team's review list after each sync, ids making a retry harmless. What a flag says of the page is
// its site and informative terms (learning.ts `learnableTerms`: letters only, no identities), never its text.
import type { ApiClient } from '../api/client';
import { getMeta, setMeta, type TandemDatabase } from '../db';
import { type FlagReason, type KnowledgeFlag, MAX_FLAG_NOTE, MAX_FLAGS } from '../schema/knowledge-review';

const PENDING_KEY = 'knowledge.flags.pending';

export type FlagsApi = { knowledgeReview: Pick<ApiClient['knowledgeReview'], 'sendFlags'> };

export interface FlagInput {
  itemKind: 'article' | 'snippet';
  itemId: string;
  reason: FlagReason;
  note: string;
}

export function createFlagQueue({ db, now }: { db: TandemDatabase; now: () => Date }) {
  /** Serialises the pending list's read-modify-write between new flags and the sync. */
  let writes: Promise<unknown> = Promise.resolve();
  const update = (change: (pending: KnowledgeFlag[]) => KnowledgeFlag[]) =>
    (writes = writes.then(async () => setMeta(db, PENDING_KEY, change((await getMeta<KnowledgeFlag[]>(db, PENDING_KEY)) ?? []))));

  return {
    /** Keeps the flag for the next sync; resolves once it is stored. */
    async add(input: FlagInput, page: { site: string | null; terms: string[] }): Promise<void> {
      const flag: KnowledgeFlag = {
        id: crypto.randomUUID(),
        ...input,
        note: input.note.trim().slice(0, MAX_FLAG_NOTE),
        site: page.site,
        terms: page.terms,
        occurredAt: now().toISOString(),
      };
      await update((pending) => [...pending, flag]);
    },

    pending: async (): Promise<KnowledgeFlag[]> => {
      await writes;
      return (await getMeta<KnowledgeFlag[]>(db, PENDING_KEY)) ?? [];
    },

    /** After each sync: the unsent flags go to the server, in batches; a failed batch stays for the next sync. */
    async sync(api: FlagsApi): Promise<void> {
      await writes;
      const pending = (await getMeta<KnowledgeFlag[]>(db, PENDING_KEY)) ?? [];
      for (let from = 0; from < pending.length; from += MAX_FLAGS) {
        const batch = pending.slice(from, from + MAX_FLAGS);
        await api.knowledgeReview.sendFlags(batch);
        const sent = new Set(batch.map((f) => f.id));
        await update((list) => list.filter((f) => !sent.has(f.id)));
      }
    },
  };
}

export type FlagQueue = ReturnType<typeof createFlagQueue>;
