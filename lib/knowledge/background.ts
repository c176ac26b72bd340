import { activeBroadcasts } from '../broadcasts/active';
import type { FrameHub } from '../context/frames';
import { allBroadcasts, getArticle, getSnippet, publishedSnippetByShortcut, syncCursor, type TandemDatabase, usageEventsSince } from '../db';
import type { Handlers } from '../messaging/dispatch';
import type { Article, Broadcast, Change, KnowledgeSuggestion, PageContext, Resolution, UsageEvent } from '../schema';
import { FrameUpdate } from '../schema/messages';
import type { Agent } from '../session/session';
import { createFlagQueue, type FlagInput, type FlagsApi, searchedPage } from './flags';
import { createGapQueue, type GapsApi } from './gaps';
import type { IndexRows } from './index-rows';
import { learnableTerms } from './learning';
import { isStale, type Suggestion, search, suggestAnswer } from './rank';
import { forgetIndex, isIndexCurrent, type KnowledgeIndex, loadIndex, persistIndex, refreshIndex } from './search-index';
import type { PageEncoder } from './semantic/host';
import { reorderByMeaning } from './semantic/order';
import { pageKey } from './semantic/page-key';
import { pageEmbeddingText, SEMANTIC_POOL, semanticApplies } from './semantic/rerank';
import { syncedVector } from './semantic/synced';
import { firstNameOf, renderSnippet, type SnippetValues } from './snippets';
import { createTeamLearning, type LearningApi } from './team-learning';

/** The semantic stage's switch and encoder (lib/knowledge/semantic/host.ts); absent, suggestions stay lexical. */
export interface SemanticStageDeps {
  /** The setting (and policy) now: read per suggestion, so turning it off stops the next re-order. */
  enabled(): Promise<boolean>;
  /** The encoder, started on first use. */
  encoder(): Pick<PageEncoder, 'embed'>;
}

/**
 * Confidence is the share of the query's information an item matches. Page contexts (a whole
 * ticket thread, a tweet quoting another) carry more words than the evaluation's one-line
 * questions, so the same evidence scores lower; 0.15 keeps the on-topic tweet and ticket fixtures
 * answered while unrelated chatter still gets nothing (docs/knowledge-eval.md has the 0.2 sweep).
 */
const PAGE_MIN_CONFIDENCE = 0.15;

/** How far back the agent's own usage counts as "recently used". */
const USAGE_WINDOW_MS = 30 * 86_400_000;

/**
 * The background's side of suggested knowledge: one index, loaded from its persisted form on
 * wake-up (no rebuild), kept in step with every pulled page, saved shortly after changes.
 *
 * Answering a suggestion reads nothing from IndexedDB: the index holds what a suggestion shows,
 * and usage counts and broadcasts are cached here, loaded with the index on wake-up. A waking
 * worker also syncs, and IndexedDB queues reads behind that sync's writes; measured in Chromium,
 * reading usage events per suggestion cost ~300 ms of a cold answer (bench/knowledge/cold.ts).
 */
export function createKnowledgeService({
  db,
  now = () => new Date(),
  semantic,
  indexRows,
}: {
  db: TandemDatabase;
  now?: () => Date;
  semantic?: SemanticStageDeps;
  /** The persisted index's rows as the worker's start began reading them (./index-rows.ts): the first load uses them. */
  indexRows?: Promise<IndexRows | null>;
}) {
  let index: KnowledgeIndex | null = null;
  let loading: Promise<KnowledgeIndex> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Inserts, opens and "helpful" marks per "kind:id" in the window, with when each happened. */
  let usage: Promise<Array<{ key: string; at: number }>> | null = null;
  let broadcasts: Promise<Broadcast[]> | null = null;
  const learning = createTeamLearning({ db, now });
  const flags = createFlagQueue({ db, now });
  const gaps = createGapQueue({ db, now });

  const loadUsage = () =>
    (usage ??= (async () => {
      const since = new Date(now().getTime() - USAGE_WINDOW_MS).toISOString();
      const events = await usageEventsSince(db, since);
      return events.filter(countsAsUse).map((e) => ({ key: `${e.itemKind}:${e.itemId}`, at: Date.parse(e.occurredAt) }));
    })().catch((error: unknown) => {
      usage = null;
      throw error;
    }));
  const loadBroadcasts = () =>
    (broadcasts ??= allBroadcasts(db).catch((error: unknown) => {
      broadcasts = null;
      throw error;
    }));

  /** Bumped by `reset`: a load or refresh begun before it must not install the index it dropped. */
  let generation = 0;

  function ready(): Promise<KnowledgeIndex> {
    if (index) return Promise.resolve(index);
    const started = generation;
    // Read at the worker's start, before any write of this worker: good for the first load only.
    const early = started === 0 ? indexRows : undefined;
    indexRows = undefined;
    loading ??= (async () => {
      // Answer from the persisted index at once; reconcile with Dexie after (cheap when nothing changed).
      const [persisted, cursor] = await Promise.all([loadIndex(db, early), syncCursor(db), loadUsage(), loadBroadcasts(), learning.load()]);
      const loaded = persisted ?? (await refreshIndex(db, null)).index;
      performance.mark('tandem:index-ready'); // bench/knowledge/cold.ts reads it
      if (started === generation) index = loaded;
      // Reading every article again costs ~0.2 s at 10k (and stalls answers meanwhile): only when
      // the saved index misses pulled changes.
      if (persisted && !isIndexCurrent(persisted, cursor)) {
        void refreshIndex(db, persisted).then((r) => {
          if (started === generation) index = r.index;
        });
      }
      return loaded;
    })().finally(() => (loading = null));
    return loading;
  }

  /**
   * The local copy started over (a restored server, another database, new teams): the index and its
   * persisted copy describe records the new copy may not have, or at newer versions than the
   * server's now (which `applyChanges` would skip as stale), so both are dropped and the next
   * use builds the index from the cache as the new copy fills it.
   */
  async function reset(): Promise<void> {
    generation += 1;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    index = null;
    loading = null;
    broadcasts = null;
    await forgetIndex(db);
  }

  /** Persists 2 s after the last change: usually a small tail row, the whole index now and then. */
  function scheduleSave(): void {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (index) void persistIndex(db, index);
    }, 2000);
  }

  /** Each page the sync stored, with its cursor: the index follows it, and remembers how far it is complete. */
  function onPulled(changes: readonly Change[], cursor: number): void {
    // The next suggestion reads them afresh (an incident's reply must be pinned at once).
    if (changes.some((c) => c.entity === 'broadcasts')) broadcasts = null;
    void ready().then((i) => {
      if (i.syncCursor >= cursor && !changes.some((c) => c.entity === 'articles' || c.entity === 'snippets')) return;
      i.applyChanges(changes, cursor);
      scheduleSave();
    });
  }

  function values(resolution: Resolution | null, agent: Agent | null): SnippetValues {
    const customer = resolution?.status === 'matched' ? resolution.view.customer : null;
    const kase = resolution?.status === 'matched' ? resolution.view.openCases[0] : undefined;
    return {
      customer: { name: customer?.name ?? null, firstName: firstNameOf(customer?.name) },
      agent: { name: agent?.name ?? null, firstName: firstNameOf(agent?.name) },
      case: { id: kase?.id ?? null },
    };
  }

  /** A suggestion from the index's stored fields; Dexie only for a pinned snippet the index lacks. */
  async function toSuggestion(
    i: KnowledgeIndex,
    s: Pick<Suggestion, 'kind' | 'id' | 'reason' | 'matchedTerms'>,
    fill: SnippetValues,
    pinned: boolean,
  ): Promise<KnowledgeSuggestion | null> {
    const item = i.item(s.kind, s.id);
    if (s.kind === 'snippet') {
      const snippet = item
        ? { id: item.id, title: item.title, shortcut: item.summary, body: item.body ?? '', verifyBy: item.verifyBy }
        : await getSnippet(db, s.id);
      if (!snippet) return null;
      return {
        kind: 'snippet',
        id: snippet.id,
        title: snippet.title,
        summary: snippet.shortcut,
        reason: s.reason,
        matchedTerms: s.matchedTerms,
        insertText: renderSnippet(snippet.body, fill),
        pinned,
        stale: isStale({ verifyBy: snippet.verifyBy ?? null }, now()),
      };
    }
    if (!item) return null;
    const insertText = [item.title, item.summary, item.url].filter(Boolean).join('\n');
    return {
      kind: 'article',
      id: item.id,
      title: item.title,
      summary: item.summary,
      reason: s.reason,
      matchedTerms: s.matchedTerms,
      insertText,
      pinned,
      stale: isStale(item, now()),
    };
  }

  async function rankingOptions(context: PageContext, resolution: Resolution | null, agent: Agent | null, limit: number) {
    const customer = resolution?.status === 'matched' ? resolution.view.customer : null;
    return {
      site: context.site,
      customerLanguage: customer?.language,
      customerTier: customer?.tier,
      tags: [...(customer?.tags ?? []), ...(resolution?.status === 'matched' ? resolution.view.openCases.flatMap((c) => c.tags) : [])],
      teamIds: agent?.teamIds,
      teamUsage: await teamUsage(),
      limit,
      minConfidence: PAGE_MIN_CONFIDENCE,
      learned: learning.field(),
      now: now(),
    };
  }

  /** What the overlay shows for ranked items: an active incident's pinned reply first, then the ranking, `limit` in all. */
  async function present(
    i: KnowledgeIndex,
    ranked: readonly Suggestion[],
    context: PageContext,
    resolution: Resolution | null,
    agent: Agent | null,
    limit: number,
  ): Promise<KnowledgeSuggestion[]> {
    const fill = values(resolution, agent);
    // While an incident is on, its suggested reply comes first: that is how a team answers an outage.
    const host = (() => {
      try {
        return new URL(context.url).hostname;
      } catch {
        return '';
      }
    })();
    const pins = activeBroadcasts(await loadBroadcasts(), { site: context.site, host, teamIds: agent?.teamIds ?? [], now: now() })
      .map((b) => b.suggestedSnippetId)
      .filter((id): id is string => !!id);
    const pinned = (
      await Promise.all(
        pins.map((id) => toSuggestion(i, { kind: 'snippet', id, reason: 'Suggested reply for an active incident', matchedTerms: [] }, fill, true)),
      )
    ).filter((s): s is KnowledgeSuggestion => s !== null);
    const rest = (await Promise.all(ranked.filter((r) => !pins.includes(r.id)).map((r) => toSuggestion(i, r, fill, false)))).filter(
      (s): s is KnowledgeSuggestion => s !== null,
    );
    const suggestions = [...pinned, ...rest].slice(0, Math.max(limit, pinned.length));
    learning.shown(suggestions, context);
    return suggestions;
  }

  /** The synced vectors of these candidates, by id (those without one, or with another model's, are absent). */
  async function syncedVectors(candidates: readonly Pick<Suggestion, 'kind' | 'id'>[]): Promise<Map<string, Int8Array>> {
    const records = await Promise.all(candidates.map((c) => (c.kind === 'snippet' ? getSnippet(db, c.id) : getArticle(db, c.id))));
    const vectors = new Map<string, Int8Array>();
    records.forEach((record, n) => {
      const vector = record ? syncedVector(record) : undefined;
      if (vector) vectors.set((candidates[n] as Suggestion).id, vector);
    });
    return vectors;
  }

  return {
    ready,
    onPulled,
    reset,

    /**
     * The agent just used items: counted at once, without re-reading the table; an insert or a
     * "helpful" also teaches the page's terms (team-learning.ts). Resolves once the pick is kept.
     */
    async usageRecorded(events: ReadonlyArray<Pick<UsageEvent, 'type' | 'itemKind' | 'itemId'>>): Promise<void> {
      const at = now().getTime();
      void usage?.then((list) => {
        for (const e of events) if (countsAsUse(e)) list.push({ key: `${e.itemKind}:${e.itemId}`, at });
      });
      // A pick that could not be kept costs one lesson, never the agent's insert.
      await ready()
        .then((i) => learning.picked(i, events))
        .catch(() => undefined);
    },

    /** After each sync: this device's picks, flags and content gaps to the server, the team's associations back. */
    syncLearning: async (api: LearningApi & FlagsApi & GapsApi): Promise<void> => {
      await Promise.all([flags.sync(api), gaps.sync(api), learning.sync(api)]);
    },

    /** The agent flags a suggested item: kept at once, with the page it was suggested on (or the search that found it) as site and terms only. */
    async flag({ searched, ...input }: FlagInput & { searched?: { text: string; site: string | null } }): Promise<void> {
      const i = await ready();
      await flags.add(input, searched ? searchedPage(i, searched) : learning.pageOf(i, input.itemKind, input.itemId));
    },

    /**
     * The lexical answer for the page and, where the semantic stage is wired, the ranked pool behind it (`ranked`, for
     * `semanticOrder`): one ranking serves both, so the re-order works on the very candidates the shown list came from.
     */
    async suggestFor(
      context: PageContext,
      resolution: Resolution | null,
      agent: Agent | null,
      limit = 3,
    ): Promise<SuggestionsForPage & { ranked?: RankedPool }> {
      const i = await ready();
      const answer = suggestAnswer(i, context, { ...(await rankingOptions(context, resolution, agent, limit)), ...(semantic ? { pool: SEMANTIC_POOL } : {}) });
      const suggestions = await present(i, answer.suggestions, context, resolution, agent, limit);
      // An incident's pinned reply still shows when the ranking has nothing confident to add.
      const quiet = suggestions.length === 0 && answer.quiet;
      // The quiet answer is a content gap: what the page asked, as terms only, for the managers' list (gaps.ts).
      if (quiet) void gaps.record('page', context.site, learnableTerms(i, context)).catch(() => undefined);
      const ranked = answer.pool ? { candidates: answer.pool, informativeTerms: answer.features?.informativeTerms ?? Number.POSITIVE_INFINITY } : undefined;
      return { suggestions, quiet, quietReason: quiet ? answer.quietReason : null, ...(ranked ? { ranked } : {}) };
    },

    /**
     * The semantic stage, after `suggestFor` answered: the leading candidates re-ordered by the page's vector against
     * their synced ones (semantic/order.ts), or null when there is none (the stage off, the page past its gate, no
     * candidate with a vector). The encoder is asked only when a re-order is possible.
     */
    async semanticOrder(
      context: PageContext,
      resolution: Resolution | null,
      agent: Agent | null,
      shown: SuggestionsForPage & { ranked?: RankedPool },
      limit = 3,
    ): Promise<KnowledgeSuggestion[] | null> {
      const pool = shown.ranked;
      if (!semantic || !pool || shown.suggestions.length === 0 || !(await semantic.enabled())) return null;
      const { candidates, informativeTerms } = pool;
      if (candidates.length < 2 || !semanticApplies(informativeTerms)) return null;
      const i = await ready();
      const vectors = await syncedVectors(candidates);
      if (vectors.size === 0) return null;
      const page = await semantic.encoder().embed(pageEmbeddingText(context));
      // Sent even when it matches the lexical order: the frame may show an earlier re-order, made before every
      // candidate's vector had synced, that this one corrects.
      return present(i, reorderByMeaning(candidates, page, vectors, informativeTerms), context, resolution, agent, limit);
    },

    async search(
      text: string,
      filters: { kind?: 'article' | 'snippet'; tag?: string; language?: string; limit: number },
      agent: Agent | null,
    ): Promise<KnowledgeSuggestion[]> {
      const i = await ready();
      const found = search(i, text, {
        kind: filters.kind,
        tags: filters.tag ? [filters.tag] : undefined,
        language: filters.language,
        teamIds: agent?.teamIds,
        limit: filters.limit,
      });
      // A search that finds nothing is a content gap too (terms only: the same extraction as a page's).
      if (found.length === 0) {
        const terms = learnableTerms(i, { subject: text, conversation: '', identities: [], displayName: null });
        void gaps.record('search', null, terms).catch(() => undefined);
      }
      const fill = values(null, agent);
      return (await Promise.all(found.map((r) => toSuggestion(i, r, fill, false)))).filter((s): s is KnowledgeSuggestion => s !== null);
    },

    article: (id: string): Promise<Article | null> => getArticle(db, id),

    async expand(shortcut: string, resolution: Resolution | null, agent: Agent | null): Promise<{ text: string | null; snippetId: string | null }> {
      const snippet = await publishedSnippetByShortcut(db, shortcut);
      if (!snippet) return { text: null, snippetId: null };
      return { text: renderSnippet(snippet.body, values(resolution, agent)), snippetId: snippet.id };
    },
  };

  /** How often each item was used lately (this device's usage events, cached). */
  async function teamUsage(): Promise<Map<string, number>> {
    const since = now().getTime() - USAGE_WINDOW_MS;
    const counts = new Map<string, number>();
    for (const { key, at } of await loadUsage()) if (at > since) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  }
}

function countsAsUse(e: Pick<UsageEvent, 'type'>): boolean {
  return e.type === 'inserted' || e.type === 'opened' || e.type === 'helpful';
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;

/** The lexical ranking's leading candidates for a page (SEMANTIC_POOL), kept with its answer for the semantic stage. */
export interface RankedPool {
  candidates: Suggestion[];
  /** The page's informative words: the semantic stage's gate (semanticApplies). */
  informativeTerms: number;
}

/** `knowledge.suggest`'s answer: the suggestions, or an honest silence and why. */
export interface SuggestionsForPage {
  suggestions: KnowledgeSuggestion[];
  quiet: boolean;
  quietReason: 'no-match' | 'not-confident' | null;
}

export interface KnowledgeHandlerDeps {
  knowledge: KnowledgeService;
  agent(): Promise<Agent | null>;
  /** Who the page is about; with the sender's tab, what that tab last reported for the same page, else a lookup within the tab's budget. */
  resolve(context: PageContext, tabId?: number): Promise<Resolution>;
  /** Where the semantic stage's re-order goes: the overlay frames by tab (absent: no re-order is pushed). */
  frames?: Pick<FrameHub, 'publish'>;
}

/** Suggestions for the page, search, the reader and `;shortcut` expansion, all from the local index. */
export function createKnowledgeHandlers({
  knowledge,
  agent,
  resolve,
  frames,
}: KnowledgeHandlerDeps): Pick<Handlers, 'knowledge.suggest' | 'knowledge.search' | 'knowledge.article' | 'knowledge.expand' | 'knowledge.flag'> {
  return {
    'knowledge.suggest': async ({ context }, sender) => {
      const tabId = sender.tab?.id;
      // Side by side: the agent's row is not read after the look-up (which may wait for the customers' key map).
      const [resolution, me] = await Promise.all([resolve(context, tabId), agent()]);
      const { ranked, ...answer } = await knowledge.suggestFor(context, resolution, me);
      // The lexical answer goes at once; the semantic stage's re-order follows on the frame's port when it has one.
      if (frames && tabId !== undefined && answer.suggestions.length > 0) {
        void knowledge
          .semanticOrder(context, resolution, me, { ...answer, ranked })
          .then((suggestions) => {
            if (!suggestions) return;
            const update = { kind: 'suggestions', page: pageKey(context), replaces: answer.suggestions.map((s) => s.id), suggestions };
            frames.publish(tabId, FrameUpdate.parse(update));
          })
          .catch(() => undefined); // the stage failing costs the agent the re-order only
      }
      return answer;
    },
    'knowledge.search': async ({ text, kind, tag, language, limit }) => ({
      results: await knowledge.search(text, { kind, tag, language, limit }, await agent()),
    }),
    'knowledge.article': async ({ id }) => ({ article: await knowledge.article(id) }),
    'knowledge.expand': async ({ shortcut, context }, sender) =>
      knowledge.expand(shortcut, context ? await resolve(context, sender.tab?.id) : null, await agent()),
    'knowledge.flag': async (input) => {
      await knowledge.flag(input);
      return { kept: true as const };
    },
  };
}
