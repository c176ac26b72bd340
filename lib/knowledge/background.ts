import type { TandemDatabase } from '../db';
import type { Article, Change, KnowledgeSuggestion, PageContext, Resolution, Snippet, UsageEvent } from '../schema';
import { activeBroadcasts } from '../manager/broadcasts';
import { KnowledgeIndex, loadIndex, refreshIndex, saveIndex } from './index';
import { search, suggest, type Suggestion } from './rank';
import { firstNameOf, renderSnippet, type SnippetValues } from './snippets';

type Agent = { id: string; name: string; teamIds: string[] } | null;

/**
 * Confidence is the share of the query's information an item matches. Page contexts (a whole
 * ticket thread, a tweet quoting another) carry more words than the evaluation's one-line
 * questions, so the same evidence scores lower; 0.15 keeps the on-topic tweet and ticket fixtures
 * answered while unrelated chatter still gets nothing (docs/knowledge-eval.md has the 0.2 sweep).
 */
const PAGE_MIN_CONFIDENCE = 0.15;

/**
 * The background's side of suggested knowledge: one index, loaded from its persisted form on
 * wake-up (no rebuild), kept in step with every pulled page, saved shortly after changes.
 */
export function createKnowledgeService({ db, now = () => new Date() }: { db: TandemDatabase; now?: () => Date }) {
  let index: KnowledgeIndex | null = null;
  let loading: Promise<KnowledgeIndex> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  function ready(): Promise<KnowledgeIndex> {
    if (index) return Promise.resolve(index);
    loading ??= (async () => {
      // Answer from the persisted index at once; reconcile with Dexie after (cheap when nothing changed).
      const loaded = (await loadIndex(db)) ?? (await refreshIndex(db, null)).index;
      index = loaded;
      void refreshIndex(db, loaded).then((r) => {
        index = r.index;
        if (r.changed || r.rebuilt) scheduleSave();
      });
      return loaded;
    })().finally(() => (loading = null));
    return loading;
  }

  function scheduleSave(): void {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (index) void saveIndex(db, index);
    }, 2000);
  }

  function onPulled(changes: readonly Change[]): void {
    if (!changes.some((c) => c.entity === 'articles' || c.entity === 'snippets')) return;
    void ready().then((i) => {
      i.applyChanges(changes);
      scheduleSave();
    });
  }

  function values(resolution: Resolution | null, agent: Agent): SnippetValues {
    const customer = resolution?.status === 'matched' ? resolution.view.customer : null;
    const kase = resolution?.status === 'matched' ? resolution.view.openCases[0] : undefined;
    return {
      customer: { name: customer?.name ?? null, firstName: firstNameOf(customer?.name) },
      agent: { name: agent?.name ?? null, firstName: firstNameOf(agent?.name) },
      case: { id: kase?.id ?? null },
    };
  }

  async function toSuggestion(s: Pick<Suggestion, 'kind' | 'id' | 'reason' | 'matchedTerms'>, fill: SnippetValues, pinned: boolean): Promise<KnowledgeSuggestion | null> {
    if (s.kind === 'snippet') {
      const snippet = await db.snippets.get(s.id);
      if (!snippet || snippet.deleted) return null;
      return { kind: 'snippet', id: snippet.id, title: snippet.title, summary: snippet.shortcut, reason: s.reason, matchedTerms: s.matchedTerms, insertText: renderSnippet(snippet.body, fill), pinned };
    }
    const article = await db.articles.get(s.id);
    if (!article || article.deleted) return null;
    const insertText = [article.title, article.summary, article.url].filter(Boolean).join('\n');
    return { kind: 'article', id: article.id, title: article.title, summary: article.summary, reason: s.reason, matchedTerms: s.matchedTerms, insertText, pinned };
  }

  return {
    ready,
    onPulled,

    async suggestFor(context: PageContext, resolution: Resolution | null, agent: Agent, limit = 3): Promise<KnowledgeSuggestion[]> {
      const i = await ready();
      const customer = resolution?.status === 'matched' ? resolution.view.customer : null;
      const ranked = suggest(i, context, {
        site: context.site,
        customerLanguage: customer?.language,
        customerTier: customer?.tier,
        tags: [...(customer?.tags ?? []), ...(resolution?.status === 'matched' ? resolution.view.openCases.flatMap((c) => c.tags) : [])],
        teamIds: agent?.teamIds,
        teamUsage: await teamUsage(),
        limit,
        minConfidence: PAGE_MIN_CONFIDENCE,
      });
      const fill = values(resolution, agent);
      // While an incident is on, its suggested reply comes first: that is how a team answers an outage.
      const host = (() => {
        try {
          return new URL(context.url).hostname;
        } catch {
          return '';
        }
      })();
      const pins = activeBroadcasts(await db.broadcasts.toArray(), { site: context.site, host, teamIds: agent?.teamIds ?? [], now: now() })
        .map((b) => b.suggestedSnippetId)
        .filter((id): id is string => !!id);
      const pinned = (await Promise.all(pins.map((id) => toSuggestion({ kind: 'snippet', id, reason: 'Suggested reply for an active incident', matchedTerms: [] }, fill, true)))).filter(
        (s): s is KnowledgeSuggestion => s !== null,
      );
      const rest = (await Promise.all(ranked.filter((r) => !pins.includes(r.id)).map((r) => toSuggestion(r, fill, false)))).filter((s): s is KnowledgeSuggestion => s !== null);
      return [...pinned, ...rest].slice(0, Math.max(limit, pinned.length));
    },

    async search(text: string, filters: { kind?: 'article' | 'snippet'; tag?: string; language?: string; limit: number }, agent: Agent): Promise<KnowledgeSuggestion[]> {
      const i = await ready();
      const found = search(i, text, { kind: filters.kind, tags: filters.tag ? [filters.tag] : undefined, language: filters.language, teamIds: agent?.teamIds, limit: filters.limit });
      const fill = values(null, agent);
      return (await Promise.all(found.map((r) => toSuggestion(r, fill, false)))).filter((s): s is KnowledgeSuggestion => s !== null);
    },

    async article(id: string): Promise<Article | null> {
      const article = await db.articles.get(id);
      return article && !article.deleted ? article : null;
    },

    async expand(shortcut: string, resolution: Resolution | null, agent: Agent): Promise<{ text: string | null; snippetId: string | null }> {
      const snippet: Snippet | undefined = await db.snippets.where('shortcut').equals(shortcut.toLowerCase()).filter((s) => !s.deleted && s.status === 'published').first();
      if (!snippet) return { text: null, snippetId: null };
      return { text: renderSnippet(snippet.body, values(resolution, agent)), snippetId: snippet.id };
    },
  };

  /** How often the agent's team used each item lately, from the usage events still on this device. */
  async function teamUsage(): Promise<Map<string, number>> {
    const since = new Date(now().getTime() - 30 * 86_400_000).toISOString();
    const events: UsageEvent[] = await db.usageEvents.where('occurredAt').above(since).toArray();
    const counts = new Map<string, number>();
    for (const e of events) if (e.type === 'inserted' || e.type === 'opened' || e.type === 'helpful') counts.set(`${e.itemKind}:${e.itemId}`, (counts.get(`${e.itemKind}:${e.itemId}`) ?? 0) + 1);
    return counts;
  }
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
