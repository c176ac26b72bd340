import type { ApiClient } from '../api/client';
import { getMeta, setMeta, type TandemDatabase } from '../db';
import type { LearnedAssociationsResponse, LearningPick, PageContext, UsageEvent } from '../schema';
import { MAX_LEARNING_PICKS } from '../schema';
import { LearnedAssociations, learnableTerms } from './learning';
import type { KnowledgeIndex } from './search-index';

/** Picks recorded on this device that the server has not confirmed yet (sent after each sync). */
const PENDING_KEY = 'knowledge.learning.pending';
/** The team's associations as the server last sent them, so a cold worker ranks with them at once. */
const ASSOCIATIONS_KEY = 'knowledge.learning.associations';
/** Pages remembered for what they could teach: the items suggested on the last few pages. */
const REMEMBERED_ITEMS = 200;

export type LearningApi = Pick<ApiClient, 'knowledgePicks' | 'knowledgeAssociations'>;

/**
 * The team's learning on this device (docs/knowledge-search.md "Learning from agents"): the learned
 * associations `suggest()` ranks with, the page each suggested item was shown for (so an insert or a
 * "helpful" can teach that page's terms), and the picks on their way to the server.
 *
 * Only processed terms leave the page context (learning.ts `learnableTerms`: letters only, no
 * identity or display-name words); the contexts themselves stay in memory and are never stored.
 */
export function createTeamLearning({ db, now }: { db: TandemDatabase; now: () => Date }) {
  let learned = new LearnedAssociations(now);
  /** "kind:id" → the page it was last suggested for (insertion order = age). */
  const shownOn = new Map<string, PageContext>();
  /** Serialises the pending list's read-modify-write between picks and the sync. */
  let pendingWrites: Promise<unknown> = Promise.resolve();
  let loaded: Promise<void> | null = null;

  function apply(answer: LearnedAssociationsResponse): void {
    const fresh = new LearnedAssociations(now);
    for (const item of answer.items) fresh.set(`${item.itemKind}:${item.itemId}`, item.terms);
    learned = fresh;
  }

  const updatePending = (change: (pending: LearningPick[]) => LearningPick[]) =>
    (pendingWrites = pendingWrites.then(async () => setMeta(db, PENDING_KEY, change((await getMeta<LearningPick[]>(db, PENDING_KEY)) ?? []))));

  return {
    /** The field `suggest()` reads (replaced whole when the server's copy arrives). */
    field: () => learned,

    /** The last server copy plus this device's unsent picks; before the first suggestion of a waking worker. */
    load(): Promise<void> {
      return (loaded ??= (async () => {
        const [cached, pending] = await Promise.all([getMeta<LearnedAssociationsResponse>(db, ASSOCIATIONS_KEY), getMeta<LearningPick[]>(db, PENDING_KEY)]);
        if (cached) apply(cached);
        for (const pick of pending ?? []) learned.record(`${pick.itemKind}:${pick.itemId}`, pick.terms);
      })().catch((error: unknown) => {
        loaded = null;
        throw error;
      }));
    },

    /** The page this item was last suggested on, as its site and informative terms only (for a flag). */
    pageOf(index: KnowledgeIndex, itemKind: string, itemId: string): { site: string | null; terms: string[] } {
      const context = shownOn.get(`${itemKind}:${itemId}`);
      return context ? { site: context.site, terms: learnableTerms(index, context) } : { site: null, terms: [] };
    },

    /** These items were suggested for this page: an insert or "helpful" on one of them teaches the page's terms. */
    shown(items: ReadonlyArray<{ kind: string; id: string }>, context: PageContext): void {
      for (const item of items) {
        const key = `${item.kind}:${item.id}`;
        shownOn.delete(key);
        shownOn.set(key, context);
      }
      for (const key of shownOn.keys()) {
        if (shownOn.size <= REMEMBERED_ITEMS) break;
        shownOn.delete(key);
      }
    },

    /**
     * The agent used items: each insert or "helpful" of an item suggested on a page teaches that page's
     * informative terms, here at once and to the team after the next sync. Answers how many taught.
     */
    async picked(index: KnowledgeIndex, events: ReadonlyArray<Pick<UsageEvent, 'type' | 'itemKind' | 'itemId'>>): Promise<number> {
      const picks: LearningPick[] = [];
      for (const e of events) {
        if ((e.type !== 'inserted' && e.type !== 'helpful') || (e.itemKind !== 'article' && e.itemKind !== 'snippet')) continue;
        const key = `${e.itemKind}:${e.itemId}`;
        const context = shownOn.get(key);
        const terms = context ? learnableTerms(index, context) : [];
        if (terms.length === 0) continue;
        learned.record(key, terms);
        picks.push({ id: crypto.randomUUID(), itemKind: e.itemKind, itemId: e.itemId, signal: e.type, terms, occurredAt: now().toISOString() });
      }
      if (picks.length > 0) await updatePending((pending) => [...pending, ...picks]);
      return picks.length;
    },

    /** After each sync: the unsent picks go to the server (ids make a retry harmless), then the team's associations come back. */
    async sync(api: LearningApi): Promise<void> {
      await pendingWrites;
      const pending = (await getMeta<LearningPick[]>(db, PENDING_KEY)) ?? [];
      for (let from = 0; from < pending.length; from += MAX_LEARNING_PICKS) {
        const batch = pending.slice(from, from + MAX_LEARNING_PICKS);
        await api.knowledgePicks(batch);
        const sent = new Set(batch.map((p) => p.id));
        await updatePending((list) => list.filter((p) => !sent.has(p.id)));
      }
      const answer = await api.knowledgeAssociations();
      await setMeta(db, ASSOCIATIONS_KEY, answer);
      apply(answer);
      // Picks made while the answer was on its way are not in it yet.
      for (const pick of (await getMeta<LearningPick[]>(db, PENDING_KEY)) ?? []) learned.record(`${pick.itemKind}:${pick.itemId}`, pick.terms);
    },
  };
}

export type TeamLearning = ReturnType<typeof createTeamLearning>;
