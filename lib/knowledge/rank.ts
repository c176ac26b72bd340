import type { SearchResult } from 'minisearch';
import type { PageContext, Tier } from '../schema';
import { type ItemKind, itemKey, type KnowledgeIndex, type StoredItem } from './index';
import { fold, isGeneric, processTerm, tokenize } from './text';

/**
 * Context-aware ranking: the on-screen conversation becomes a weighted query, BM25 (MiniSearch's
 * BM25+) scores the text match, then a few multiplicative boosts express what the text cannot
 * (site, language, tags, tier, what the team has been using). Every suggestion says why.
 */

export interface QueryTerm {
  /** The processed term as indexed (folded, stemmed). */
  term: string;
  /** The word as it appeared on screen, for "matched terms". */
  surface: string;
  weight: number;
}

export interface SuggestOptions {
  /** The adapter name from the PageContext, matched against item targeting. */
  site: string;
  customerLanguage?: string;
  customerTier?: Tier;
  /** Tags of the customer or the open case (e.g. "billing", "vip"): items sharing them rank higher. */
  tags?: readonly string[];
  /** The agent's teams: items targeted at other teams are left out. */
  teamIds?: readonly string[];
  /** Recent team usage (inserts, opens) by item id or by "kind:id". */
  teamUsage?: ReadonlyMap<string, number>;
  limit?: number;
  /** Below this text-match confidence (0..1) nothing is suggested; see docs/knowledge-eval.md. */
  minConfidence?: number;
  kinds?: readonly ItemKind[];
}

export interface Suggestion {
  kind: ItemKind;
  id: string;
  title: string;
  score: number;
  /** Words from the query that the item matched, as they were written on screen. */
  matchedTerms: string[];
  reason: string;
  /** Share of the query's information (IDF-weighted) that the item matched, 0..1. */
  confidence: number;
}

export const DEFAULT_LIMIT = 5;
export const MAX_QUERY_TERMS = 32;
/**
 * Chosen on the TechQA/StackFAQ evaluation (docs/knowledge-eval.md): where the top item matches
 * less than this share of the query, suggesting nothing beats suggesting noise.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.2;

export const FIELD_BOOSTS = { title: 2, summary: 1.5, body: 1, tagText: 1.5, shortcut: 2 } as const;
const SUBJECT_WEIGHT = 2;
const CONVERSATION_WEIGHT = 1;
/** Everyday words ("great", "day", "back") still rank, at this weight, but cannot make a match confident. */
const GENERIC_WEIGHT = 0.3;

// Mentions, links and addresses name people and places, not the problem.
const NOISE = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|@\w+/g;

/**
 * The query for a page: subject words count double, repeated words count more (logarithmically),
 * stop words go, and the strongest `maxTerms` terms are kept so a long thread cannot slow the search.
 */
export function contextQuery(context: Pick<PageContext, 'subject' | 'conversation'>, maxTerms = MAX_QUERY_TERMS): QueryTerm[] {
  const stats = new Map<string, { surface: string; tf: number; field: number; first: number }>();
  let position = 0;
  const add = (text: string, fieldWeight: number) => {
    for (const token of tokenize(text.replace(NOISE, ' '))) {
      const term = processTerm(token);
      position += 1;
      if (!term || /^\d{1,2}$/.test(term)) continue;
      const s = stats.get(term);
      if (s) {
        s.tf += 1;
        s.field = Math.max(s.field, fieldWeight);
      } else stats.set(term, { surface: token, tf: 1, field: fieldWeight, first: position });
    }
  };
  if (context.subject) add(context.subject, SUBJECT_WEIGHT);
  add(context.conversation, CONVERSATION_WEIGHT);
  return [...stats]
    .map(([term, s]) => ({ term, surface: s.surface, weight: s.field * (1 + Math.log(s.tf)) * (isGeneric(term) ? GENERIC_WEIGHT : 1), first: s.first }))
    .sort((a, b) => b.weight - a.weight || a.first - b.first)
    .slice(0, maxTerms)
    .map(({ term, surface, weight }) => ({ term, surface, weight }));
}

/**
 * Upper bound on postings a suggestion query may touch: the strongest terms (weight × IDF) are
 * searched until their document frequencies add up to this; the rest (common words in a large
 * knowledge base) would cost most of the time and move the ranking least. The strongest term always goes.
 * MiniSearch spends a few microseconds per matched document, so this bounds latency (docs/knowledge-search.md).
 */
export let POSTINGS_BUDGET = 4_000;
const MIN_SEARCHED_TERMS = 1;
/** For benchmarks and evaluation only. */
export function setPostingsBudget(value: number): void {
  POSTINGS_BUDGET = value;
}

/** The top items for what is on screen, or [] when nothing matches confidently. */
export function suggest(index: KnowledgeIndex, context: Pick<PageContext, 'subject' | 'conversation'>, opts: SuggestOptions): Suggestion[] {
  const query = contextQuery(context);
  const n = index.size;
  if (query.length === 0 || n === 0) return [];
  const idfOf = new Map<string, number>();
  for (const q of query) {
    const df = index.documentFrequency(q.term);
    idfOf.set(q.term, df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  // Terms absent from the knowledge base still count in the denominator: a conversation whose
  // distinctive words are unknown to us should not look confidently answered.
  const unknownIdf = Math.log(1 + (n + 0.5) / 0.5);
  const idf = (t: string) => {
    const v = idfOf.get(t) ?? 0;
    return v === 0 ? unknownIdf : v;
  };
  const weights = new Map(query.map((q) => [q.term, q.weight]));
  const surfaces = new Map(query.map((q) => [q.term, q.surface]));
  const searched: string[] = [];
  let postings = 0;
  for (const q of [...query].filter((t) => (idfOf.get(t.term) ?? 0) > 0).sort((a, b) => b.weight * idf(b.term) - a.weight * idf(a.term))) {
    const df = index.documentFrequency(q.term);
    if (searched.length >= MIN_SEARCHED_TERMS && postings + df > POSTINGS_BUDGET) continue;
    searched.push(q.term);
    postings += df;
  }
  if (searched.length === 0) return [];
  const results = index.engine.search(searched.join(' '), {
    tokenize: (text) => text.split(' '),
    combineWith: 'OR',
    boost: { ...FIELD_BOOSTS },
    boostTerm: (term) => weights.get(term) ?? 1,
  });
  if (results.length === 0) return [];

  const total = query.reduce((sum, q) => sum + q.weight * idf(q.term), 0);
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const kinds = opts.kinds ? new Set(opts.kinds) : null;

  const ranked: Suggestion[] = [];
  for (const r of results) {
    const item = r as SearchResult & StoredItem;
    if (kinds && !kinds.has(item.kind)) continue;
    if (!visibleToTeams(item, opts.teamIds)) continue;
    const covered = r.queryTerms.reduce((sum, t) => sum + (weights.get(t) ?? 1) * idf(t), 0);
    // Matching only everyday words is no evidence at all.
    const confidence = total > 0 && r.queryTerms.some((t) => !isGeneric(t)) ? covered / total : 0;
    const { factor, reasons } = boosts(item, opts);
    const matchedTerms = [...r.queryTerms].sort((a, b) => (weights.get(b) ?? 0) * idf(b) - (weights.get(a) ?? 0) * idf(a)).map((t) => surfaces.get(t) ?? t);
    ranked.push({
      kind: item.kind,
      id: item.id,
      title: item.title,
      score: r.score * factor,
      matchedTerms,
      reason: describe(matchedTerms, reasons),
      confidence,
    });
  }
  ranked.sort((a, b) => b.score - a.score);
  const top = ranked.slice(0, opts.limit ?? DEFAULT_LIMIT);
  // The threshold applies to the best text match: a boosted but barely matching item never carries a list.
  const best = top.reduce((m, s) => Math.max(m, s.confidence), 0);
  if (best < minConfidence) return [];
  return top.filter((s) => s.confidence >= minConfidence / 2);
}

function visibleToTeams(item: StoredItem, teamIds: readonly string[] | undefined): boolean {
  if (!teamIds || item.teamIds.length === 0) return true;
  return item.teamIds.some((t) => teamIds.includes(t));
}

function primaryLanguage(tag: string): string {
  return fold(tag).split(/[-_]/)[0] ?? '';
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', nl: 'Dutch', pt: 'Portuguese' };

/** Multiplicative boosts and the human reasons for them. */
function boosts(item: StoredItem, opts: SuggestOptions): { factor: number; reasons: string[] } {
  let factor = 1;
  const reasons: string[] = [];
  if (item.sites.length > 0) {
    if (item.sites.includes(opts.site)) {
      factor *= 1.3;
      reasons.push(`written for ${opts.site}`);
    } else factor *= 0.6;
  }
  if (opts.customerLanguage) {
    const wanted = primaryLanguage(opts.customerLanguage);
    if (primaryLanguage(item.language) === wanted) {
      factor *= 1.5;
      reasons.push(`in the customer's language (${LANGUAGE_NAMES[wanted] ?? wanted})`);
    } else factor *= 0.5;
  }
  if (opts.tags && opts.tags.length > 0) {
    const wanted = new Set(opts.tags.map(fold));
    const shared = [...new Set([...item.tags, ...item.targetTags])].filter((t) => wanted.has(fold(t)));
    if (shared.length > 0) {
      factor *= 1 + 0.2 * Math.min(shared.length, 3);
      reasons.push(`tagged ${shared.slice(0, 3).join(', ')}`);
    }
  }
  if (opts.customerTier) {
    const tier = opts.customerTier;
    if ([...item.tags, ...item.targetTags].some((t) => fold(t) === tier || fold(t) === `tier:${tier}`)) {
      factor *= 1.3;
      reasons.push(`for ${tier} customers`);
    }
  }
  const uses = opts.teamUsage?.get(itemKey(item.kind, item.id)) ?? opts.teamUsage?.get(item.id) ?? 0;
  if (uses > 0) {
    factor *= Math.min(1.6, 1 + 0.15 * Math.log2(1 + uses));
    reasons.push(`used ${uses} time${uses === 1 ? '' : 's'} by your team recently`);
  }
  return { factor, reasons };
}

function describe(matchedTerms: readonly string[], reasons: readonly string[]): string {
  const shown = matchedTerms.slice(0, 4).map((t) => `“${t}”`);
  const more = matchedTerms.length > 4 ? ` and ${matchedTerms.length - 4} more` : '';
  const head = shown.length > 0 ? `Matches ${shown.join(', ')}${more}` : 'Related';
  return [head, ...reasons].join('; ');
}

// ---- the side panel search box -----------------------------------------------------------------

export interface SearchFilters {
  kind?: ItemKind;
  /** Only items in this language (primary subtag compared: "de" matches "de-AT"). */
  language?: string;
  /** Only items carrying at least one of these tags. */
  tags?: readonly string[];
  /** Only items untargeted or targeted at this site. */
  site?: string;
  teamIds?: readonly string[];
  limit?: number;
}

/**
 * Instant search as the agent types: every word must match (the last one as a prefix, longer ones
 * with a typo allowed); when that finds nothing, any word may match.
 */
export function search(index: KnowledgeIndex, text: string, filters: SearchFilters = {}): Suggestion[] {
  const tokens = tokenize(text);
  const query: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const term = processTerm(token);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    query.push({ term, surface: token, weight: 1 });
  }
  if (query.length === 0) return [];
  const surfaces = new Map(query.map((q) => [q.term, q.surface]));
  const last = query.at(-1)?.term;
  const endsInWord = /[\p{L}\p{N}]$/u.test(text);
  const wantedTags = filters.tags && filters.tags.length > 0 ? new Set(filters.tags.map(fold)) : null;
  const filter = (r: SearchResult) => {
    const item = r as SearchResult & StoredItem;
    if (filters.kind && item.kind !== filters.kind) return false;
    if (filters.language && primaryLanguage(item.language) !== primaryLanguage(filters.language)) return false;
    if (wantedTags && !item.tags.some((t) => wantedTags.has(fold(t)))) return false;
    if (filters.site && item.sites.length > 0 && !item.sites.includes(filters.site)) return false;
    return visibleToTeams(item, filters.teamIds);
  };
  const run = (combineWith: 'AND' | 'OR') =>
    index.engine.search(query.map((q) => q.term).join(' '), {
      tokenize: (t) => t.split(' '),
      combineWith,
      boost: { ...FIELD_BOOSTS },
      prefix: (term) => endsInWord && term === last,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      filter,
    });
  let results = run('AND');
  if (results.length === 0 && query.length > 1) results = run('OR');
  return results.slice(0, filters.limit ?? 20).map((r) => {
    const item = r as SearchResult & StoredItem;
    const matchedTerms = r.queryTerms.map((t) => surfaces.get(t) ?? t);
    return {
      kind: item.kind,
      id: item.id,
      title: item.title,
      score: r.score,
      matchedTerms,
      reason: describe(matchedTerms, []),
      confidence: r.queryTerms.length / query.length,
    };
  });
}
