import type { PageContext, Tier } from '../schema';
import answerabilityModel from './data/answerability-model.json';
import { type Accumulated, type ExpandedTerm, MAX_GROUPS, type QueryGroup } from './postings';
import { type ItemKind, itemKey, type KnowledgeIndex, type StoredItem } from './search-index';
import { type SynonymTable, synonymTable } from './synonyms';
import { exactWords, fold, isGeneric, porterStem, processTerm, type Stemmer, tokenize } from './text';

/**
 * Context-aware ranking: the on-screen conversation becomes a weighted query, BM25F (postings.ts)
 * scores the text match, then a few multiplicative boosts express what the text cannot (site,
 * language, tags, tier, what the team has been using). Every suggestion says why.
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
  /**
   * Also answer the leading `pool` candidates past `limit` (`SuggestAnswer.pool`), from the same ranking: the semantic
   * stage re-orders them (lib/knowledge/semantic/). The answer for `limit` (what is shown, or the silence) is unchanged.
   */
  pool?: number;
  /** Below this text-match confidence (0..1) nothing is suggested; see docs/knowledge-eval.md. */
  minConfidence?: number;
  kinds?: readonly ItemKind[];
  /** How many postings the query may touch; DEFAULT_POSTINGS_BUDGET unless a benchmark varies it. */
  postingsBudget?: number;
  /** Below this calibrated answerability (0..1) nothing is suggested; DEFAULT_MIN_ANSWERABILITY. */
  minAnswerability?: number;
  /** Parts of the ranker the evaluation switches off one at a time (all on by default). */
  components?: Partial<RankingComponents>;
  /** What the team's agents taught by inserting and marking helpful (learning.ts): a ranking field of its own. */
  learned?: LearnedField;
  /** The time against which verify-by dates are judged (stale items rank lower); no staleness without it. */
  now?: Date;
}

/** Term → item key ("article:<id>") → decayed weight; `LearnedAssociations` in learning.ts. */
export interface LearnedField {
  matches(term: string): ReadonlyMap<string, number> | undefined;
}

export interface RankingComponents {
  /** Expand query words with the support synonym list (synonyms.ts). */
  synonyms: boolean;
  /** Stay silent below the calibrated answerability (otherwise only the coverage floor applies). */
  answerability: boolean;
  /** Use the learned associations given in `learned`. */
  learning: boolean;
  /** Blend a one-field BM25 of the article's text into the order of the leading candidates on long pages (WHOLE_TEXT_WEIGHT). */
  wholeText: boolean;
  /** Blend a one-field BM25 of the article's exact (unstemmed) words into that order on every page (EXACT_WORDS_WEIGHT). */
  exactWords: boolean;
}

/** What the overlay gets: the suggestions, or an honest "nothing fits" and why. */
export interface SuggestAnswer {
  suggestions: Suggestion[];
  /** True when nothing is suggested on purpose; the overlay then shows nothing (or says so quietly). */
  quiet: boolean;
  /** Why it is quiet: nothing in the knowledge base matched, or matches too weak to be an answer. */
  quietReason: 'no-match' | 'not-confident' | null;
  /** The calibrated probability that the top suggestion answers the page (0 when nothing matched). */
  answerability: number;
  /** What answerability was computed from (null when nothing matched): for the evaluation's fit. */
  features: AnswerabilityFeatures | null;
  /** With `SuggestOptions.pool`, and only when something is suggested: the leading candidates in rank order, `suggestions` first. */
  pool?: Suggestion[];
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
/** How many candidates per suggestion shown the confidence check looks at. */
const CONFIDENCE_POOL = 4;
export const MAX_QUERY_TERMS = 32;
/**
 * Chosen on the TechQA/StackFAQ evaluation (docs/knowledge-eval.md): where the top item matches
 * less than this share of the query, suggesting nothing beats suggesting noise.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.2;
/** A synonym matches at this share of the word itself (chosen on the development halves). */
export const SYNONYM_WEIGHT = 0.5;
/** How much a fully learned term counts against a title match (chosen on the StackFAQ learning protocol's development threads). */
export const LEARNED_FIELD_WEIGHT = 4;
/**
 * The learned field saturates as w / (LEARNED_SATURATION + w): one pick counts two thirds of many, since
 * one agent's pick is already strong evidence (chosen with the weight on the development threads).
 */
export const LEARNED_SATURATION = 0.5;

/**
 * The leading WHOLE_TEXT_POOL candidates are re-ordered by score / top score + WHOLE_TEXT_WEIGHT × one-field BM25 of the
 * article's text (stems) / its best among them, on pages with more than WHOLE_TEXT_MIN_TERMS query terms, +
 * EXACT_WORDS_WEIGHT × one-field BM25 of its exact words (the index's `exact` field: unstemmed, stop words kept) / its
 * best, on every page: per-field BM25 pays a word once per field it is in, the one-field scores pay for the page's words
 * wherever the article repeats them, and the exact view tells "installed" from "install" and keeps the page's phrasing
 * ("how do I"). Weights and gates chosen on the development halves with 5-fold cross-validation inside them
 * (docs/knowledge-eval.md, eval/exact-explore.ts).
 */
export const WHOLE_TEXT_WEIGHT = 0.5;
export const WHOLE_TEXT_MIN_TERMS = 6;
export const EXACT_WORDS_WEIGHT = 0.5;
/** A long thread's distinct words past this many are not looked up in the exact view (a bound on its cost). */
const MAX_EXACT_WORDS = 256;
const WHOLE_TEXT_POOL = 20;
// The article's own text as its writers gave it; a manager's "also answers" phrasings too, or the blend would outvote them.
const WHOLE_TEXT_FIELDS = ['title', 'summary', 'body', 'alsoAnswers'] as const;

const SUBJECT_WEIGHT = 2;
const CONVERSATION_WEIGHT = 1;
/** Everyday words ("great", "day", "back") still rank, at this weight, but cannot make a match confident. */
const GENERIC_WEIGHT = 0.3;

// Mentions, links and addresses name people and places, not the problem.
const NOISE = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|@\w+/g;

/** How the query builder turns words into terms: the index's stemmer and, optionally, the synonym phrases. */
export interface QueryAnalysis {
  stemmer: Stemmer;
  synonyms: SynonymTable | null;
}

const DEFAULT_ANALYSIS: QueryAnalysis = { stemmer: porterStem, synonyms: synonymTable(porterStem) };

/**
 * The query for a page: subject words count double, repeated words count more (logarithmically),
 * stop words go, a synonym phrase ("crossed out") adds the word it stands for, and the strongest
 * `maxTerms` terms are kept so a long thread cannot slow the search.
 */
export function contextQuery(
  context: Pick<PageContext, 'subject' | 'conversation'>,
  maxTerms = MAX_QUERY_TERMS,
  analysis: QueryAnalysis = DEFAULT_ANALYSIS,
): QueryTerm[] {
  const stats = new Map<string, { surface: string; tf: number; field: number; first: number }>();
  let position = 0;
  const count = (term: string, surface: string, fieldWeight: number) => {
    const s = stats.get(term);
    if (s) {
      s.tf += 1;
      s.field = Math.max(s.field, fieldWeight);
    } else stats.set(term, { surface, tf: 1, field: fieldWeight, first: position });
  };
  const phrases = analysis.synonyms?.phrases ?? [];
  const add = (text: string, fieldWeight: number) => {
    const tokens = tokenize(text.replace(NOISE, ' '));
    const stems = phrases.length > 0 ? tokens.map((t) => analysis.stemmer(t)) : [];
    tokens.forEach((token, at) => {
      const term = processTerm(token, analysis.stemmer);
      position += 1;
      if (term && !/^\d{1,2}$/.test(term)) count(term, token, fieldWeight);
      for (const phrase of phrases) {
        if (phrase.words[0] === stems[at] && phrase.words.every((w, k) => stems[at + k] === w)) {
          count(phrase.term, tokens.slice(at, at + phrase.words.length).join(' '), fieldWeight);
        }
      }
    });
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
 * searched until their document frequencies add up to this; the rest (words common across a large
 * knowledge base) would cost most of the time and move the ranking least; they still count for
 * confidence. The strongest term always goes. At ~5 ns per posting this bounds a query to a few
 * milliseconds; on the real evaluation sets it never binds (docs/knowledge-search.md).
 */
export const DEFAULT_POSTINGS_BUDGET = 400_000;
const MIN_SEARCHED_TERMS = 1;

/** The top items for what is on screen, or [] when nothing matches confidently. */
export function suggest(index: KnowledgeIndex, context: Pick<PageContext, 'subject' | 'conversation'>, opts: SuggestOptions): Suggestion[] {
  return suggestAnswer(index, context, opts).suggestions;
}

const QUIET_NO_MATCH: SuggestAnswer = { suggestions: [], quiet: true, quietReason: 'no-match', answerability: 0, features: null };

/**
 * The top items for what is on screen, with the calibrated answerability of the best one; quiet
 * (no suggestions) when nothing matched or the best match is unlikely to answer the page.
 */
export function suggestAnswer(index: KnowledgeIndex, context: Pick<PageContext, 'subject' | 'conversation'>, opts: SuggestOptions): SuggestAnswer {
  const components: RankingComponents = { synonyms: true, answerability: true, learning: true, wholeText: true, exactWords: true, ...opts.components };
  const learned = components.learning ? opts.learned : undefined;
  const postings = index.postings;
  const synonyms = components.synonyms ? synonymTable(postings.stemmer) : null;
  const query = contextQuery(context, Math.min(MAX_QUERY_TERMS, MAX_GROUPS), { stemmer: postings.stemmer, synonyms });
  if (query.length === 0 || postings.size === 0) return QUIET_NO_MATCH;
  const n = postings.size;
  // Terms absent from the knowledge base still count in the denominator: a conversation whose
  // distinctive words are unknown to us should not look confidently answered.
  const unknownIdf = Math.log(1 + (n + 0.5) / 0.5);
  const terms = query.map((q) => {
    // The word itself, then its synonyms at a discount; a group is as informative as its best member.
    const expansions: Array<ExpandedTerm & { df: number }> = [{ term: q.term, weight: q.weight, df: postings.documentFrequency(q.term) }];
    for (const alt of synonyms?.alternatives.get(q.term) ?? []) {
      const df = postings.documentFrequency(alt);
      if (df > 0) expansions.push({ term: alt, weight: q.weight * SYNONYM_WEIGHT, df });
    }
    // Items the team associated with this word: searched even when no article text has it.
    const taught = learned?.matches(q.term);
    const learnedDf = taught?.size ?? 0;
    const learnedIdf = postings.idfOf(Math.min(learnedDf, n));
    const df = expansions.reduce((sum, e) => sum + e.df, 0) + learnedDf;
    const ownIdf = postings.idfOf(expansions[0]?.df ?? 0);
    const idf = Math.max(ownIdf, learnedIdf, ...expansions.slice(1).map((e) => SYNONYM_WEIGHT * postings.idfOf(e.df)));
    return { ...q, expansions: expansions.filter((e) => e.df > 0), taught, learnedIdf, df, idf, strength: q.weight * (idf === 0 ? unknownIdf : idf) };
  });
  const searched: typeof terms = [];
  const budget = opts.postingsBudget ?? DEFAULT_POSTINGS_BUDGET;
  let spent = 0;
  for (const t of terms.filter((t) => t.df > 0).sort((a, b) => b.strength - a.strength)) {
    if (searched.length >= MIN_SEARCHED_TERMS && spent + t.df > budget) continue;
    searched.push(t);
    spent += t.df;
  }
  if (searched.length === 0) return QUIET_NO_MATCH;
  const found = postings.accumulate(searched.map((t) => ({ expansions: t.expansions })));
  searched.forEach((t, g) => {
    if (t.taught) addLearned(found, postings, t.taught, t.weight * t.learnedIdf, 2 ** g);
  });
  if (found.touched.length === 0) return QUIET_NO_MATCH;

  const total = terms.reduce((sum, t) => sum + t.strength, 0);
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const kinds = opts.kinds ? new Set(opts.kinds) : null;
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const share = (mask: number) => {
    let covered = 0;
    for (let g = 0; g < searched.length; g++) if ((mask & (2 ** g)) !== 0) covered += (searched[g] as (typeof searched)[number]).strength;
    return total > 0 ? covered / total : 0;
  };
  const confidenceOf = (mask: number) => {
    // Matching only everyday words is no evidence at all.
    const specific = searched.some((t, g) => (mask & (2 ** g)) !== 0 && !isGeneric(t.term));
    return specific ? share(mask) : 0;
  };

  // The candidates the answer for `limit` looks at; a larger `pool` ranks further down the same list.
  const considered = Math.max(limit * CONFIDENCE_POOL, 10);
  // At least WHOLE_TEXT_POOL, so the blend looks at the same candidates whatever the number shown.
  const candidates = topK(found, Math.max(considered, opts.pool ?? 0, WHOLE_TEXT_POOL), maxBoost(opts), (slot, raw) => {
    const item = postings.at(slot);
    if (!item || (kinds && !kinds.has(item.kind)) || !visibleToTeams(item, opts.teamIds)) return null;
    return raw * boosts(item, opts).factor;
  });
  const ranked = candidates.map(({ slot, score }): Suggestion => {
    const item = postings.at(slot) as StoredItem;
    const mask = found.mask[slot] as number;
    return suggestion(item, score, matchedBy(searched, mask), boosts(item, opts).reasons, confidenceOf(mask));
  });
  // The coverage floor asks whether the knowledge base matches this page at all, so it looks at the
  // best text match among the leading candidates, not only the few shown: boosts (a customer's tags,
  // say) may put narrower matches on top of the item that covers the conversation best. A barely
  // matching item is never shown, however boosted.
  const best = ranked.slice(0, considered).reduce((m, s) => Math.max(m, s.confidence), 0);
  const top = candidates[0];
  if (!top || best < minConfidence) return { ...QUIET_NO_MATCH, quietReason: best > 0 ? 'not-confident' : 'no-match' };
  const informativeTerms = terms.filter((t) => !isGeneric(t.term)).length;
  const features = answerabilityFeatures(searched, found.mask[top.slot] as number, candidates.slice(0, considered), total, unknownIdf, best, informativeTerms);
  const answerability = answerabilityOf(features);
  if (components.answerability && answerability < (opts.minAnswerability ?? DEFAULT_MIN_ANSWERABILITY)) {
    return { suggestions: [], quiet: true, quietReason: 'not-confident', answerability, features };
  }
  // What agents taught (the learned field) is not in the article's text: a text-only second opinion would outvote it.
  const taught = searched.some((t) => (t.taught?.size ?? 0) > 0);
  const blend = {
    stems: components.wholeText && query.length > WHOLE_TEXT_MIN_TERMS ? query.map((q) => q.term) : [],
    exact: components.exactWords ? pageWords(context) : [],
  };
  const boostOf = (slot: number) => boosts(postings.at(slot) as StoredItem, opts).factor;
  const ordered = !taught && (blend.stems.length > 0 || blend.exact.length > 0) ? wholeTextOrder(ranked, candidates, postings, blend, boostOf) : ranked;
  const shown = ordered.filter((s) => s.confidence >= minConfidence / 2);
  const suggestions = shown.slice(0, limit);
  const quiet = suggestions.length === 0;
  return {
    suggestions,
    quiet,
    quietReason: quiet ? 'not-confident' : null,
    answerability,
    features,
    ...(opts.pool !== undefined && !quiet ? { pool: shown.slice(0, Math.max(limit, opts.pool)) } : {}),
  };
}

/** The page's distinct exact words (subject first), as the index's `exact` field holds them. */
function pageWords(context: Pick<PageContext, 'subject' | 'conversation'>): string[] {
  const text = `${context.subject ?? ''}\n${context.conversation}`.replace(NOISE, ' ');
  return [...new Set(exactWords(text))].slice(0, MAX_EXACT_WORDS);
}

/**
 * The leading candidates re-ordered with the one-field BM25 of their stems (`stems`, WHOLE_TEXT_WEIGHT) and of their
 * exact words (`exact`, EXACT_WORDS_WEIGHT) blended in, each over its best among them and times the item's boosts
 * (language, site, tier, staleness apply to all its text evidence, not to the per-field part only); the rest keep
 * their places after them.
 */
function wholeTextOrder(
  ranked: readonly Suggestion[],
  candidates: ReadonlyArray<{ slot: number }>,
  postings: KnowledgeIndex['postings'],
  blend: { stems: readonly string[]; exact: readonly string[] },
  boostOf: (slot: number) => number,
): Suggestion[] {
  const head = ranked.slice(0, WHOLE_TEXT_POOL);
  const top = head[0]?.score ?? 0;
  if (head.length < 2 || top <= 0) return [...ranked];
  const slots = head.map((_, i) => (candidates[i] as { slot: number }).slot);
  // Each view over its best among the candidates, so its weight means the same on every page; a view that matched nothing adds nothing.
  const relative = (terms: readonly string[], score: (terms: readonly string[], slots: readonly number[]) => number[], weight: number) => {
    if (terms.length === 0) return head.map(() => 0);
    const scores = score(terms, slots);
    const best = Math.max(...scores);
    return scores.map((x) => (best > 0 ? (weight * x) / best : 0));
  };
  const stems = relative(blend.stems, (terms, at) => postings.wholeTextScores(terms, at, WHOLE_TEXT_FIELDS), WHOLE_TEXT_WEIGHT);
  const exact = relative(blend.exact, (words, at) => postings.exactWordScores(words, at), EXACT_WORDS_WEIGHT);
  const blended = head
    .map((s, i) => ({ ...s, score: top * (s.score / top + boostOf(slots[i] as number) * ((stems[i] as number) + (exact[i] as number))) }))
    .sort((a, b) => b.score - a.score);
  return [...blended, ...ranked.slice(WHOLE_TEXT_POOL)];
}

/** The learned field: saturated like BM25 (w / (LEARNED_SATURATION + w)), so a few picks count and many do not run away. */
function addLearned(found: Accumulated, postings: KnowledgeIndex['postings'], taught: ReadonlyMap<string, number>, weight: number, bit: number): void {
  for (const [key, w] of taught) {
    const slot = postings.slotOfKey(key);
    if (slot === undefined) continue;
    const m = found.mask[slot] as number;
    if (m === 0) found.touched.push(slot);
    found.mask[slot] = m | bit;
    found.score[slot] = (found.score[slot] as number) + LEARNED_FIELD_WEIGHT * weight * (w / (LEARNED_SATURATION + w));
  }
}

/** What the answerability model looks at: the top candidate and the leading candidates' scores against the page's query. */
export interface AnswerabilityFeatures {
  /** IDF-weighted share of the query the best text match among the leading candidates covers (0..1): the coverage floor's input. */
  coverage: number;
  /** IDF-weighted share of the query the top suggestion matched with informative (not everyday) words (0..1). */
  topCoverage: number;
  /**
   * Spread of the leading candidates' scores (standard deviation of the best 10, over the top score; 0..1):
   * one article standing out of the pack, rather than many siblings scoring alike for shared product words.
   */
  scoreSpread: number;
  /** The rarest informative word the top suggestion matched: its IDF over an unknown word's (0..1). */
  rarestMatched: number;
  /** Query words that are not everyday words: long tickets cover less of themselves by nature (also the semantic stage's gate). */
  informativeTerms: number;
}

/**
 * The model's inputs, in the order of `AnswerabilityModel.features`. Query length (log) lets short
 * pages (a tweet, a paraphrase) and long tickets keep different coverage bars under one threshold.
 */
const FEATURE_VALUES = {
  topCoverage: (f: AnswerabilityFeatures) => f.topCoverage,
  scoreSpread: (f: AnswerabilityFeatures) => f.scoreSpread,
  rarestMatched: (f: AnswerabilityFeatures) => f.rarestMatched,
  logInformativeTerms: (f: AnswerabilityFeatures) => Math.log(1 + f.informativeTerms),
} as const;
export const ANSWERABILITY_FEATURES = Object.keys(FEATURE_VALUES) as ReadonlyArray<keyof typeof FEATURE_VALUES>;

/**
 * Logistic model of "a suggestion shown answers the page" and the threshold under which the answer is
 * quiet, both fitted and chosen on the development halves of TechQA and StackFAQ by
 * `npm run eval:knowledge -- --fit-answerability`, which rewrites data/answerability-model.json (how
 * it was fitted is written there; docs/knowledge-eval.md has the sweep).
 */
export interface AnswerabilityModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
  threshold: number;
}

export const ANSWERABILITY_MODEL: AnswerabilityModel = checkedAnswerabilityModel(answerabilityModel);
/** The highest threshold that keeps ≥ 95% of Recall@5 on both development halves (answerability-model.json). */
export const DEFAULT_MIN_ANSWERABILITY = ANSWERABILITY_MODEL.threshold;

export function checkedAnswerabilityModel(model: AnswerabilityModel): AnswerabilityModel {
  // A model fitted on other features than the ranker computes would silently score nonsense.
  if (model.features.join() !== ANSWERABILITY_FEATURES.join() || model.weights.length !== ANSWERABILITY_FEATURES.length) {
    throw new Error(`answerability-model.json is for features ${model.features.join()}, the ranker computes ${ANSWERABILITY_FEATURES.join()}`);
  }
  return model;
}

export function answerabilityFeatureVector(f: AnswerabilityFeatures): number[] {
  return ANSWERABILITY_FEATURES.map((name) => FEATURE_VALUES[name](f));
}

export function answerabilityOf(f: AnswerabilityFeatures, model: AnswerabilityModel = ANSWERABILITY_MODEL): number {
  const z = answerabilityFeatureVector(f).reduce((sum, x, i) => sum + x * (model.weights[i] as number), model.bias);
  return 1 / (1 + Math.exp(-z));
}

/** How many leading candidates the score spread looks at (normalised query commitment over the best 10). */
const SPREAD_POOL = 10;

function answerabilityFeatures(
  searched: ReadonlyArray<{ term: string; strength: number; idf: number }>,
  topMask: number,
  candidates: ReadonlyArray<{ score: number }>,
  total: number,
  unknownIdf: number,
  coverage: number,
  informativeTerms: number,
): AnswerabilityFeatures {
  let covered = 0;
  let rarest = 0;
  searched.forEach((t, g) => {
    if ((topMask & (2 ** g)) === 0 || isGeneric(t.term)) return;
    covered += t.strength;
    rarest = Math.max(rarest, t.idf);
  });
  // Fewer matches than the pool: the others scored 0, so a lone match stands out most.
  const leading = Array.from({ length: SPREAD_POOL }, (_, i) => candidates[i]?.score ?? 0);
  const top = leading[0] as number;
  const mean = leading.reduce((sum, s) => sum + s, 0) / SPREAD_POOL;
  const deviation = Math.sqrt(leading.reduce((sum, s) => sum + (s - mean) ** 2, 0) / SPREAD_POOL);
  return {
    coverage,
    topCoverage: total > 0 ? covered / total : 0,
    scoreSpread: top > 0 ? deviation / top : 0,
    rarestMatched: unknownIdf > 0 ? Math.min(1, rarest / unknownIdf) : 0,
    informativeTerms,
  };
}

/**
 * The k best candidates by `exact(slot, raw)` (null drops one), given that exact ≤ raw × maxFactor.
 * Looks at the best raw scores first, a few hundred at a time, and stops as soon as no remaining
 * candidate could make the top k, so boosts are computed for a handful of documents, not every
 * match; the answer is exact.
 */
export function topK(
  found: Accumulated,
  k: number,
  maxFactor: number,
  exact: (slot: number, raw: number) => number | null,
): Array<{ slot: number; score: number }> {
  const { score, touched } = found;
  const best: Array<{ slot: number; score: number }> = [];
  const kth = () => (best.length >= k ? (best[k - 1] as { score: number }).score : -Infinity);
  const consider = (slot: number) => {
    const value = exact(slot, score[slot] as number);
    if (value === null || value < kth()) return;
    best.push({ slot, score: value });
    best.sort((a, b) => b.score - a.score || a.slot - b.slot);
    if (best.length > k) best.pop();
  };
  // Walk candidates by raw score, a growing head at a time, until raw × maxFactor cannot reach the top k.
  // Ties at a head's edge may order differently in the next, larger head: remember who was seen.
  const seen = new Set<number>();
  for (let m = Math.max(64, k * 8); ; m *= 8) {
    const head = largest(touched, score, m);
    for (const slot of head) {
      if ((score[slot] as number) * maxFactor < kth()) return best;
      if (seen.has(slot)) continue;
      seen.add(slot);
      consider(slot);
    }
    if (head.length === touched.length) return best;
  }
}

/** The m slots with the largest scores, largest first (a bounded min-heap: O(n log m)). */
function largest(slots: readonly number[], score: Float64Array, m: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => (score[a] as number) < (score[b] as number);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < heap.length && less(heap[l] as number, heap[min] as number)) min = l;
      if (r < heap.length && less(heap[r] as number, heap[min] as number)) min = r;
      if (min === i) return;
      [heap[i], heap[min]] = [heap[min] as number, heap[i] as number];
      i = min;
    }
  };
  for (const slot of slots) {
    if (heap.length < m) {
      heap.push(slot);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i] as number, heap[parent] as number)) break;
        [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
        i = parent;
      }
    } else if (less(heap[0] as number, slot)) {
      heap[0] = slot;
      down(0);
    }
  }
  return heap.sort((a, b) => (score[b] as number) - (score[a] as number));
}

/** The largest factor `boosts` can give under these options: lets topK stop early. */
function maxBoost(opts: SuggestOptions): number {
  let factor = 1.3; // written for this site
  if (opts.customerLanguage) factor *= 1.5;
  if (opts.tags && opts.tags.length > 0) factor *= 1.6;
  if (opts.customerTier) factor *= 1.3;
  if (opts.teamUsage && opts.teamUsage.size > 0) factor *= 1.6;
  return factor;
}

function visibleToTeams(item: StoredItem, teamIds: readonly string[] | undefined): boolean {
  if (!teamIds || item.teamIds.length === 0) return true;
  return item.teamIds.some((t) => teamIds.includes(t));
}

function primaryLanguage(tag: string): string {
  return fold(tag).split(/[-_]/)[0] ?? '';
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', nl: 'Dutch', pt: 'Portuguese' };

/**
 * A stale item (past its verify-by date) counts this much: still found when nothing else fits, but a
 * verified sibling of similar relevance comes first.
 */
export const STALE_FACTOR = 0.7;

/** Past its verify-by date at `now`. */
export function isStale(item: Pick<StoredItem, 'verifyBy'>, now: Date): boolean {
  return item.verifyBy !== null && Date.parse(item.verifyBy) < now.getTime();
}

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
  if (opts.now && isStale(item, opts.now)) {
    factor *= STALE_FACTOR;
    reasons.push('past its verify-by date');
  }
  const uses = opts.teamUsage?.get(itemKey(item.kind, item.id)) ?? opts.teamUsage?.get(item.id) ?? 0;
  if (uses > 0) {
    factor *= Math.min(1.6, 1 + 0.15 * Math.log2(1 + uses));
    reasons.push(`used ${uses} time${uses === 1 ? '' : 's'} by your team recently`);
  }
  return { factor, reasons };
}

/** The words of the query whose bit is set in a document's match mask, as the agent typed or the page showed them. */
function matchedBy(terms: readonly { surface: string }[], mask: number): string[] {
  return terms.filter((_, g) => (mask & (2 ** g)) !== 0).map((t) => t.surface);
}

function suggestion(item: StoredItem, score: number, matchedTerms: string[], reasons: readonly string[], confidence: number): Suggestion {
  return { kind: item.kind, id: item.id, title: item.title, score, matchedTerms, reason: describe(matchedTerms, reasons), confidence };
}

function describe(matchedTerms: readonly string[], reasons: readonly string[]): string {
  const shown = matchedTerms.slice(0, 4).map((t) => `“${t}”`);
  const more = matchedTerms.length > 4 ? ` and ${matchedTerms.length - 4} more` : '';
  const head = shown.length > 0 ? `Matches ${shown.join(', ')}${more}` : 'Related';
  return [head, ...reasons].join('; ');
}

// ---- the side panel search box -----------------------------------------------------------------

/** Completions of the word being typed that a search tries, and how much less they count than the word itself. */
const PREFIX_EXPANSIONS = 30;
const PREFIX_WEIGHT = 0.4;
/** A near spelling counts this much (divided by its edit distance). */
const FUZZY_WEIGHT = 0.45;

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
  const postings = index.postings;
  const query: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token, postings.stemmer);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    query.push({ term, surface: token, weight: 1 });
  }
  query.splice(MAX_GROUPS);
  if (query.length === 0 || postings.size === 0) return [];
  const endsInWord = /[\p{L}\p{N}]$/u.test(text);
  const groups: QueryGroup[] = query.map((q, i) => {
    const expansions = [{ term: q.term, weight: 1 }];
    // The word being typed completes to the commonest indexed words it starts.
    if (endsInWord && i === query.length - 1) {
      for (const term of postings.termsWithPrefix(q.term, PREFIX_EXPANSIONS)) if (term !== q.term) expansions.push({ term, weight: PREFIX_WEIGHT });
    }
    // A typo in a longer word: one edit from 5 letters, two from 10.
    const maxEdits = q.term.length >= 10 ? 2 : q.term.length >= 5 ? 1 : 0;
    for (const near of postings.termsNear(q.term, maxEdits)) {
      if (!expansions.some((e) => e.term === near.term)) expansions.push({ term: near.term, weight: FUZZY_WEIGHT / near.edits });
    }
    return { expansions };
  });
  const found = postings.accumulate(groups);
  const all = 2 ** query.length - 1;
  const wantedTags = filters.tags && filters.tags.length > 0 ? new Set(filters.tags.map(fold)) : null;
  const passes = (item: StoredItem | null): item is StoredItem => {
    if (!item) return false;
    if (filters.kind && item.kind !== filters.kind) return false;
    if (filters.language && primaryLanguage(item.language) !== primaryLanguage(filters.language)) return false;
    if (wantedTags && !item.tags.some((t) => wantedTags.has(fold(t)))) return false;
    if (filters.site && item.sites.length > 0 && !item.sites.includes(filters.site)) return false;
    return visibleToTeams(item, filters.teamIds);
  };
  const limit = filters.limit ?? 20;
  // Every word must match; when that finds nothing, any word may.
  const pick = (requireAll: boolean) =>
    topK(found, limit, 1, (slot, raw) => {
      if (requireAll && (found.mask[slot] as number) >>> 0 !== all >>> 0) return null;
      return passes(postings.at(slot)) ? raw : null;
    });
  let top = pick(true);
  if (top.length === 0 && query.length > 1) top = pick(false);
  return top.map(({ slot, score }) => {
    const matched = matchedBy(query, found.mask[slot] as number);
    return suggestion(postings.at(slot) as StoredItem, score, matched, [], matched.length / query.length);
  });
}
