import data from './data/support-synonyms.json';
import { fold, type Stemmer, tokenize } from './text';

/**
 * The general support synonym list (data/support-synonyms.json, its source is in the file) as the
 * query builder uses it: a query word in a group also matches the group's other single words, and a
 * phrase of the group ("crossed out", "sign in") found in the conversation adds the group's first
 * single word as a query term. Only the query is expanded; the index is unchanged.
 */
export interface SynonymTable {
  /** Indexed term → the other single-word terms of its groups. */
  alternatives: ReadonlyMap<string, readonly string[]>;
  /** Multi-word members as stemmed word sequences (stop words kept), with the term they stand for. */
  phrases: ReadonlyArray<{ words: readonly string[]; term: string }>;
}

const tables = new WeakMap<Stemmer, SynonymTable>();

/** The table for an index's stemmer (built once per stemmer). */
export function synonymTable(stemmer: Stemmer): SynonymTable {
  const cached = tables.get(stemmer);
  if (cached) return cached;
  const alternatives = new Map<string, string[]>();
  const phrases: Array<{ words: string[]; term: string }> = [];
  for (const group of data.groups) {
    const words = group.map((member) => tokenize(member).map((w) => stemmer(fold(w))));
    const singles = [...new Set(words.filter((w) => w.length === 1).map((w) => w[0] as string))];
    const head = singles[0];
    if (!head) continue;
    for (const term of singles) {
      const others = singles.filter((t) => t !== term);
      alternatives.set(term, [...new Set([...(alternatives.get(term) ?? []), ...others])]);
    }
    for (const w of words) if (w.length > 1) phrases.push({ words: w, term: head });
  }
  const table = { alternatives, phrases };
  tables.set(stemmer, table);
  return table;
}
