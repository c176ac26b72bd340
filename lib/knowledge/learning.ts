import { LearningTerm, MAX_LEARNING_TERMS, type PageContext } from '../schema';
import { contextQuery } from './rank';
import type { KnowledgeIndex } from './search-index';
import { fold, tokenize } from './text';

/**
 * Learning from agents: when an agent inserts a suggestion or marks it helpful, the page's
 * informative words are associated with that item, so the next page with the same problem in other
 * words finds it. Associations decay (an old pick counts half after HALF_LIFE_DAYS), are bounded per
 * item, and are a ranking field of their own in suggest() (rank.ts, `learned`). The server keeps the
 * team's copy (server/routes/knowledge-learning.ts) so the whole team benefits.
 *
 * What is never learned: words with digits (order numbers, redacted card digits, phone fragments),
 * the words of the customer's identities and display name, addresses, links and mentions (the query
 * builder drops those), stop words. Everyday words ("read", "play", "back") are learned: in a pick they
 * often name the problem ("has she read my mail", "back up my boards"), and the query weighs them
 * low anyway; learning them lifted the StackFAQ learning protocol (docs/knowledge-eval.md).
 */

export const HALF_LIFE_DAYS = 60;
/** Terms kept per item: the strongest after decay. */
export const MAX_TERMS_PER_ITEM = 48;
/** Terms taken from one page. */
export const MAX_TERMS_PER_EVENT = MAX_LEARNING_TERMS;
const DAY_MS = 86_400_000;

export interface LearnedTerm {
  term: string;
  /** Sum of decayed picks (1 per pick, halved every HALF_LIFE_DAYS) as of `at`. */
  weight: number;
  at: string;
}

/**
 * The informative terms of a page that an agent's pick should teach: the strongest query terms (by
 * weight × IDF in this knowledge base), without digits or identity words; processed as the index
 * stores them.
 */
export function learnableTerms(index: KnowledgeIndex, context: Pick<PageContext, 'subject' | 'conversation' | 'identities' | 'displayName'>): string[] {
  const stemmer = index.postings.stemmer;
  const personal = new Set<string>();
  for (const text of [context.displayName ?? '', ...context.identities.map((i) => i.value)]) {
    for (const token of tokenize(text)) personal.add(stemmer(fold(token)));
  }
  const n = Math.max(1, index.size);
  return contextQuery(context, 64, { stemmer, synonyms: null })
    .filter((q) => LearningTerm.safeParse(q.term).success && !personal.has(q.term) && q.term.length >= 3)
    .map((q) => {
      const df = index.postings.documentFrequency(q.term);
      // A word the knowledge base lacks is what learning is for: it weighs like the rarest word.
      return { term: q.term, strength: q.weight * index.postings.idfOf(df === 0 ? 1 : Math.min(df, n)) };
    })
    .sort((a, b) => b.strength - a.strength || (a.term < b.term ? -1 : 1))
    .slice(0, MAX_TERMS_PER_EVENT)
    .map((t) => t.term);
}

function decayed(weight: number, from: string, to: Date): number {
  const days = Math.max(0, (to.getTime() - new Date(from).getTime()) / DAY_MS);
  return weight * 0.5 ** (days / HALF_LIFE_DAYS);
}

/**
 * Applies one pick to an item's learned terms: everything decays to `at`, the pick's terms gain 1,
 * and only the MAX_TERMS_PER_ITEM strongest stay. Pure: the server and the extension share it.
 */
export function learn(existing: readonly LearnedTerm[], terms: readonly string[], at: Date): LearnedTerm[] {
  const stamp = at.toISOString();
  const byTerm = new Map<string, number>();
  for (const t of existing) byTerm.set(t.term, decayed(t.weight, t.at, at));
  for (const term of new Set(terms)) byTerm.set(term, (byTerm.get(term) ?? 0) + 1);
  return [...byTerm]
    .map(([term, weight]) => ({ term, weight, at: stamp }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, MAX_TERMS_PER_ITEM);
}

/**
 * The team's learned associations as a ranking field: term → items with their decayed weight.
 * Built from what the server sends (or from local picks); `suggest()` reads it through `matches`.
 */
export class LearnedAssociations {
  private readonly byTerm = new Map<string, Map<string, number>>();
  private readonly byItem = new Map<string, LearnedTerm[]>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Replaces an item's learned terms (e.g. from the server's copy). `itemKey` is "article:<id>" or "snippet:<id>". */
  set(itemKey: string, terms: readonly LearnedTerm[]): void {
    for (const t of this.byItem.get(itemKey) ?? []) this.byTerm.get(t.term)?.delete(itemKey);
    const at = this.now();
    const kept = terms.map((t) => ({ ...t, weight: decayed(t.weight, t.at, at), at: at.toISOString() })).filter((t) => t.weight > 0.01);
    this.byItem.set(itemKey, kept);
    for (const t of kept) {
      let items = this.byTerm.get(t.term);
      if (!items) this.byTerm.set(t.term, (items = new Map()));
      items.set(itemKey, t.weight);
    }
  }

  /** Records an agent's pick locally (the same rule the server applies). */
  record(itemKey: string, terms: readonly string[]): void {
    this.set(itemKey, learn(this.byItem.get(itemKey) ?? [], terms, this.now()));
  }

  /** Items associated with a term, with their weights. */
  matches(term: string): ReadonlyMap<string, number> | undefined {
    return this.byTerm.get(term);
  }

  terms(itemKey: string): readonly LearnedTerm[] {
    return this.byItem.get(itemKey) ?? [];
  }

  get size(): number {
    return this.byItem.size;
  }
}
