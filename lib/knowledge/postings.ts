import { ExactWords, type SerializedExactWords } from './exact-words';
import { exactWords, porterStem, processTerm, type Stemmer, tokenize } from './text';

/**
 * The knowledge base's inverted index: typed-array postings with precomputed per-field BM25 impacts.
 *
 * Why not a library: MiniSearch (chosen for relevance, docs/knowledge-search.md) spends 3–5 µs per
 * matching document and rebuilds its tree from JSON on load, which missed the latency and cold-start
 * targets by 5–6×. Here a query term costs one binary search in a sorted dictionary and one tight
 * loop over two typed arrays (document slot, 16-bit impact), and the persisted form is those arrays
 * as they are, so a cold service worker restores it without rebuilding anything.
 *
 * Layout, in the manner of a log-structured index: a frozen segment (sorted terms, offsets, slots,
 * impacts) plus a small delta segment for documents added since the last compaction, which keeps
 * raw term frequencies and scores them on the fly. Removing a document only marks its
 * slot dead; `compact()` (run on save and when the delta grows) merges both and drops dead slots.
 * Like Lucene before a merge, document frequencies count dead postings until compaction.
 *
 * Impacts depend on the fields' average lengths, which move as documents arrive. Each posting keeps
 * its term frequency too, and compaction scores every posting again with the averages of the day
 * (also when those drifted past AVERAGE_DRIFT), so an index fed page by page ranks like one built at
 * once: frozen impacts from the first pages' averages once hid the demo ticket's answer (issue 18).
 */

/**
 * `category`: a title's leading "Product: " part (see search-index.ts), weighed apart from the title words that say what the article is about.
 * `alsoAnswers`: the other phrasings of the question managers added to an article ("also answers"), weighed like the title.
 */
export const TEXT_FIELDS = ['title', 'summary', 'body', 'tagText', 'shortcut', 'category', 'alsoAnswers'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
/**
 * `exact`: the article's own text (title, summary, body, "also answers") as exact words — lowercased and
 * folded, not stemmed, stop words kept, identifiers split at dots and dashes (`exactWords`). A second view beside the
 * stems, read only by `exactWordScores` on a query's leading candidates (rank.ts); the per-field scoring, document
 * frequencies and the side panel's completions never see it. Kept per document, not as postings (exact-words.ts).
 */
export const FIELDS = [...TEXT_FIELDS, 'exact'] as const;
export type Field = (typeof FIELDS)[number];
export type FieldTexts = Readonly<Record<TextField, string>>;
/** The fields whose text makes the `exact` field: not a title's repeated "Product:" prefix (the category field), which siblings share. */
const EXACT_SOURCES: readonly TextField[] = ['title', 'summary', 'body', 'alsoAnswers'];

export type FieldBoosts = Readonly<Record<TextField, number>>;
/**
 * How much a term in each field counts relative to the body, chosen on the evaluation sets'
 * development halves (docs/knowledge-eval.md).
 */
export const FIELD_BOOSTS: FieldBoosts = { title: 2, summary: 1.5, body: 1, tagText: 1.5, shortcut: 2, category: 0.25, alsoAnswers: 2 };
const FIELD_COUNT = FIELDS.length;
const EXACT = FIELDS.indexOf('exact');

/** What the index turns text into: the product uses the defaults; the evaluation varies them. */
export interface PostingsOptions {
  fieldBoosts?: FieldBoosts;
  stemmer?: Stemmer;
}
/** BM25 defaults (Robertson; Lucene uses the same). */
export const K1 = 1.2;
export const B = 0.75;
/** Impacts tf′/(k1+tf′) lie in [0, 1) and are stored as 16-bit fractions: 1.5e-5 resolution is far below ranking noise. */
const IMPACT_SCALE = 65_535;
const TF_MAX = 255;
/** Relative change of a field's average length past which the frozen impacts are scored again. */
const AVERAGE_DRIFT = 0.01;
const MAX_FIELD_LENGTH = 65_535;
/** Query groups are tracked in a 32-bit mask per document. */
export const MAX_GROUPS = 32;

/**
 * Each field has its own dictionary namespace (a control character before the term), so a term has
 * per-field postings, document frequency and IDF: a word rare in titles weighs more when a title
 * has it even if many bodies do. Per-field BM25 summed with field weights measured better than
 * BM25F's single saturation on both evaluation sets (docs/knowledge-eval.md).
 */
const FIELD_CODES = FIELDS.map((_, f) => String.fromCharCode(1 + f));
/** The stemmed fields' codes: what queries, document frequencies and completions search (the exact field has no postings). */
const TEXT_FIELD_CODES = FIELD_CODES.slice(0, TEXT_FIELDS.length);
const fieldOfKey = (key: string) => key.charCodeAt(0) - 1;

// Tokens repeat endlessly across a knowledge base; folding and stemming each one again is most of the
// build time. Bounded (a few MB), as it lives as long as the service worker; one per stemmer.
const termCaches = new WeakMap<Stemmer, Map<string, string | null>>();
function termOf(token: string, stemmer: Stemmer): string | null {
  let cache = termCaches.get(stemmer);
  if (!cache) termCaches.set(stemmer, (cache = new Map()));
  let term = cache.get(token);
  if (term === undefined) {
    term = processTerm(token, stemmer);
    if (cache.size >= 50_000) cache.clear();
    cache.set(token, term);
  }
  return term;
}

interface Analysis {
  lengths: number[];
  /** Field-qualified term → frequency in that field (the stemmed fields). */
  tfs: Map<string, number>;
  /** Exact word → frequency in the exact field. */
  exact: Map<string, number>;
}

function analyze(texts: FieldTexts, stemmer: Stemmer): Analysis {
  const lengths = new Array<number>(FIELD_COUNT).fill(0);
  const tfs = new Map<string, number>();
  const count = (f: number, term: string) => {
    lengths[f] = (lengths[f] ?? 0) + 1;
    const key = (FIELD_CODES[f] as string) + term;
    tfs.set(key, Math.min(TF_MAX, (tfs.get(key) ?? 0) + 1));
  };
  TEXT_FIELDS.forEach((field, f) => {
    for (const token of tokenize(texts[field])) {
      const term = termOf(token, stemmer);
      if (term) count(f, term);
    }
  });
  const exact = new Map<string, number>();
  for (const field of EXACT_SOURCES) {
    for (const word of exactWords(texts[field])) {
      lengths[EXACT] = (lengths[EXACT] ?? 0) + 1;
      exact.set(word, Math.min(TF_MAX, (exact.get(word) ?? 0) + 1));
    }
  }
  return { lengths, tfs, exact };
}

export interface ExpandedTerm {
  term: string;
  /** Query-side weight (term weight × expansion discount); IDF is applied by the index. */
  weight: number;
}

/** One query word: the document matches it through any of its expansions (the word itself, completions, near spellings). */
export interface QueryGroup {
  expansions: readonly ExpandedTerm[];
}

export interface Accumulated {
  /** Sum over groups of weight × IDF × impact, by slot. */
  score: Float64Array;
  /** Bit g set when the document matched group g. */
  mask: Uint32Array;
  /** Slots with a non-zero mask, in the order first met. */
  touched: number[];
}

/** The persisted form: plain strings and typed arrays, so IndexedDB stores and restores it by structured clone. */
export interface SerializedPostings {
  /** Sorted terms joined by "\n" (terms never contain whitespace). */
  terms: string;
  offsets: Uint32Array<ArrayBuffer>;
  slots: Uint32Array<ArrayBuffer>;
  impacts: Uint16Array<ArrayBuffer>;
  /** Each posting's term frequency in its field (capped at TF_MAX), to score it again when the averages move. */
  tfs: Uint8Array<ArrayBuffer>;
  /** Processed-term count of each field, FIELD_COUNT per document. */
  lengths: Uint16Array<ArrayBuffer>;
  /** JSON of [key, stored item] per document, in slot order. */
  documents: string;
  /** The exact field, per document. */
  exact: SerializedExactWords;
}

interface DeltaPostings {
  slots: number[];
  tfs: number[];
}

export class PostingsIndex<S> {
  private keys: string[] = [];
  private stored: Array<S | null> = [];
  private slotOf = new Map<string, number>();
  private alive = new Uint8Array(16);
  private lengths = new Uint16Array(16 * FIELD_COUNT);
  private totals = new Float64Array(FIELD_COUNT);
  /** Live documents with something in each field: a field's average length is over these (see averages()). */
  private fieldDocs = new Float64Array(FIELD_COUNT);
  private slotCount = 0;
  private liveCount = 0;
  private deadSlots = 0;
  /**
   * Live documents per field-qualified term, counted while dead slots exist (until the next compaction): a replaced
   * document's old postings must not count, or re-sending unchanged articles inflates every term's frequency and
   * flips the answerability of the same page between a confident answer and silence. Cleared on every change.
   */
  private liveFrequencies = new Map<string, number>();

  private terms: string[] = [];
  private offsets = new Uint32Array(1);
  private postSlots = new Uint32Array(0);
  private postImpacts = new Uint16Array(0);
  private postTfs = new Uint8Array(0);
  /** The fields' average lengths the frozen impacts were scored with. */
  private frozenAverages: Float64Array = new Float64Array(FIELD_COUNT);

  private delta = new Map<string, DeltaPostings>();
  /** Postings and exact-field entries added since the last compaction. */
  private deltaPostings = 0;
  private exact = new ExactWords();
  private readonly boosts: readonly number[];
  readonly stemmer: Stemmer;

  constructor(options: PostingsOptions = {}) {
    const boosts = options.fieldBoosts ?? FIELD_BOOSTS;
    this.boosts = FIELDS.map((f) => (f === 'exact' ? 1 : boosts[f]));
    this.stemmer = options.stemmer ?? porterStem;
  }

  /** A word as this index stores it (folded, stemmed), or null for a stop word. */
  termOf(token: string): string | null {
    return termOf(token, this.stemmer);
  }

  /** Live documents. */
  get size(): number {
    return this.liveCount;
  }

  /** Slot numbers run from 0 to this (dead ones included): the length of Accumulated arrays. */
  get slotLimit(): number {
    return this.slotCount;
  }

  has(key: string): boolean {
    return this.slotOf.has(key);
  }

  get(key: string): S | undefined {
    const slot = this.slotOf.get(key);
    return slot === undefined ? undefined : (this.stored[slot] ?? undefined);
  }

  /** The slot of a live document, for scores added outside the postings (learned associations). */
  slotOfKey(key: string): number | undefined {
    return this.slotOf.get(key);
  }

  /** The stored item of a live slot. */
  at(slot: number): S | null {
    return this.stored[slot] ?? null;
  }

  /** Adds a document, replacing one with the same key. */
  add(key: string, texts: FieldTexts, item: S): void {
    this.remove(key);
    this.liveFrequencies.clear();
    const slot = this.slotCount;
    this.reserve(slot + 1);
    this.slotCount += 1;
    const { lengths, tfs, exact } = analyze(texts, this.stemmer);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const length = Math.min(lengths[f] ?? 0, MAX_FIELD_LENGTH);
      this.lengths[slot * FIELD_COUNT + f] = length;
      this.totals[f] = (this.totals[f] ?? 0) + length;
      if (length > 0) this.fieldDocs[f] = (this.fieldDocs[f] ?? 0) + 1;
    }
    this.alive[slot] = 1;
    this.keys[slot] = key;
    this.stored[slot] = item;
    this.slotOf.set(key, slot);
    this.liveCount += 1;
    for (const [key, tf] of tfs) {
      let postings = this.delta.get(key);
      if (!postings) this.delta.set(key, (postings = { slots: [], tfs: [] }));
      postings.slots.push(slot);
      postings.tfs.push(tf);
    }
    this.exact.add(slot, exact);
    this.deltaPostings += tfs.size + exact.size;
  }

  /** Marks a document dead; its postings go at the next compaction. */
  remove(key: string): boolean {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return false;
    this.alive[slot] = 0;
    this.exact.remove(slot);
    this.stored[slot] = null;
    this.keys[slot] = '';
    this.slotOf.delete(key);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const length = this.lengths[slot * FIELD_COUNT + f] ?? 0;
      this.totals[f] = (this.totals[f] ?? 0) - length;
      if (length > 0) this.fieldDocs[f] = (this.fieldDocs[f] ?? 0) - 1;
    }
    this.liveCount -= 1;
    this.deadSlots += 1;
    this.liveFrequencies.clear();
    return true;
  }

  /** Whether enough changed since the last compaction that queries and document frequencies would drift. */
  get needsCompaction(): boolean {
    return (
      this.deadSlots > Math.max(64, this.slotCount / 10) ||
      this.deltaPostings > Math.max(4_096, this.frozenPostings / 10) ||
      this.averagesDrifted(AVERAGE_DRIFT)
    );
  }

  /** Whether some field's average length moved by more than `tolerance` (relative) since the frozen impacts were scored. */
  private averagesDrifted(tolerance: number): boolean {
    if (this.frozenPostings === 0) return false;
    const now = this.averages();
    for (let f = 0; f < FIELD_COUNT; f++) {
      const was = this.frozenAverages[f] ?? 0;
      if (Math.abs((now[f] ?? 0) - was) > tolerance * was) return true;
    }
    return false;
  }

  /** Postings and exact-field entries at the last compaction: what the delta is measured against. */
  private get frozenPostings(): number {
    return this.postSlots.length + this.exact.frozenEntries;
  }

  /** Live documents holding the term in `field` (the exact-word field included). */
  fieldFrequency(term: string, field: Field): number {
    if (field === 'exact') return this.exact.frequency(term);
    return this.keyFrequency((FIELD_CODES[FIELDS.indexOf(field)] as string) + term);
  }

  /** Live documents containing the term in any one field: the largest per-field count. */
  documentFrequency(term: string): number {
    let df = 0;
    for (const code of TEXT_FIELD_CODES) df = Math.max(df, this.keyFrequency(code + term));
    return df;
  }

  /**
   * Plain one-field BM25 of the documents at `slots`, their `fields` read as one text (term frequencies and lengths
   * summed, the average over live documents, a term's document frequency its largest among those fields), each distinct
   * term once; 0 for a removed document. A second opinion beside the per-field scores that rank.ts blends in on its
   * leading candidates. The dictionary is searched once per term and field, then only each candidate's postings.
   */
  wholeTextScores(terms: readonly string[], slots: readonly number[], fields: readonly TextField[]): number[] {
    const indices = fields.map((f) => FIELDS.indexOf(f));
    let total = 0;
    for (const f of indices) total += this.totals[f] ?? 0;
    const average = this.liveCount > 0 ? total / this.liveCount : 0;
    const lookups = [...new Set(terms)].map((term) => {
      const keys = indices.map((f) => (FIELD_CODES[f] as string) + term);
      const frozen = keys.map((key) => this.findFrozen(key));
      const df = keys.reduce((m, key, k) => Math.max(m, this.keyFrequency(key, frozen[k] as number)), 0);
      return { keys, frozen, idf: this.idfOf(df) };
    });
    return slots.map((slot) => {
      if (this.alive[slot] !== 1) return 0;
      let length = 0;
      for (const f of indices) length += this.lengths[slot * FIELD_COUNT + f] ?? 0;
      const norm = average > 0 ? 1 - B + (B * length) / average : 1;
      let score = 0;
      for (const { keys, frozen, idf } of lookups) {
        if (idf === 0) continue;
        let tf = 0;
        keys.forEach((key, k) => {
          tf += this.frequencyAt(key, frozen[k] as number, slot);
        });
        if (tf > 0) score += (idf * tf * (K1 + 1)) / (tf + K1 * norm);
      }
      return score;
    });
  }

  /**
   * Plain one-field BM25 of the documents at `slots` over their exact words (the `exact` field), each distinct word
   * once; 0 for a removed document. The same sum, in the same order, as `wholeTextScores` over a single field: term
   * frequencies come from each candidate's own word list, document frequencies from the per-word counts.
   */
  exactWordScores(words: readonly string[], slots: readonly number[]): number[] {
    const average = this.liveCount > 0 ? (this.totals[EXACT] ?? 0) / this.liveCount : 0;
    const distinct = [...new Set(words)];
    const query = this.exact.query(distinct);
    const idfs = new Float64Array(distinct.length);
    query.ids.forEach((id, j) => {
      idfs[query.positions[j] as number] = this.idfOf(this.exact.frequencyOf(id));
    });
    const tfs = new Uint8Array(distinct.length);
    return slots.map((slot) => {
      if (this.alive[slot] !== 1) return 0;
      const length = this.lengths[slot * FIELD_COUNT + EXACT] ?? 0;
      const norm = average > 0 ? 1 - B + (B * length) / average : 1;
      this.exact.termFrequencies(slot, query, tfs);
      let score = 0;
      for (let k = 0; k < distinct.length; k++) {
        const idf = idfs[k] as number;
        const tf = tfs[k] as number;
        if (idf !== 0 && tf > 0) score += (idf * tf * (K1 + 1)) / (tf + K1 * norm);
      }
      return score;
    });
  }

  /** The key's term frequency in the document at `slot` (frozen postings are in slot order), 0 when absent. */
  private frequencyAt(key: string, frozenIndex: number, slot: number): number {
    if (frozenIndex >= 0) {
      const from = this.offsets[frozenIndex] ?? 0;
      const to = this.offsets[frozenIndex + 1] ?? 0;
      const at = lowerBound(this.postSlots, from, to, slot);
      if (at < to && this.postSlots[at] === slot) return this.postTfs[at] as number;
    }
    const delta = this.delta.get(key);
    if (delta) {
      const at = delta.slots.indexOf(slot);
      if (at >= 0) return delta.tfs[at] as number;
    }
    return 0;
  }

  /** BM25's IDF (the always-positive Lucene form) from a document frequency. */
  idfOf(df: number): number {
    return df === 0 ? 0 : Math.log(1 + (this.liveCount - df + 0.5) / (df + 0.5));
  }

  /** `frozenIndex`: the key's place in the frozen dictionary, when the caller has looked it up already. */
  private keyFrequency(key: string, frozenIndex = this.findFrozen(key)): number {
    const i = frozenIndex;
    const start = i < 0 ? 0 : (this.offsets[i] ?? 0);
    const end = i < 0 ? 0 : (this.offsets[i + 1] ?? 0);
    const delta = this.delta.get(key);
    if (this.deadSlots === 0) return end - start + (delta?.slots.length ?? 0);
    const cached = this.liveFrequencies.get(key);
    if (cached !== undefined) return cached;
    const alive = this.alive;
    let live = 0;
    for (let p = start; p < end; p++) live += alive[this.postSlots[p] as number] as number;
    for (const s of delta?.slots ?? []) live += alive[s] as number;
    this.liveFrequencies.set(key, live);
    return live;
  }

  /**
   * Scores every document matching any group: Σ over expansions and fields of weight × field IDF ×
   * field impact. At most MAX_GROUPS groups (the mask is 32 bits); callers cap their queries.
   */
  accumulate(groups: readonly QueryGroup[]): Accumulated {
    if (groups.length > MAX_GROUPS) throw new Error(`at most ${MAX_GROUPS} query groups`);
    const found: Accumulated = { score: new Float64Array(this.slotCount), mask: new Uint32Array(this.slotCount), touched: [] };
    const averages = this.averages();
    groups.forEach((group, g) => {
      for (const { term, weight } of group.expansions) for (const code of TEXT_FIELD_CODES) this.scoreKey(code + term, weight, 2 ** g, found, averages);
    });
    return found;
  }

  /** The hot loop: one field-qualified term's postings into the accumulators. */
  private scoreKey(key: string, weight: number, bit: number, { score, mask, touched }: Accumulated, averages: Float64Array): void {
    const i = this.findFrozen(key);
    const w = weight * this.idfOf(this.keyFrequency(key, i));
    if (w === 0) return;
    const alive = this.alive;
    if (i >= 0) {
      const slots = this.postSlots;
      const impacts = this.postImpacts;
      const scaled = w / IMPACT_SCALE;
      const end = this.offsets[i + 1] ?? 0;
      for (let p = this.offsets[i] ?? 0; p < end; p++) {
        const s = slots[p] as number;
        if (alive[s] === 0) continue;
        const m = mask[s] as number;
        if (m === 0) touched.push(s);
        mask[s] = m | bit;
        score[s] = (score[s] as number) + scaled * (impacts[p] as number);
      }
    }
    const delta = this.delta.get(key);
    if (delta) {
      const field = fieldOfKey(key);
      for (let p = 0; p < delta.slots.length; p++) {
        const s = delta.slots[p] as number;
        if (alive[s] === 0) continue;
        const m = mask[s] as number;
        if (m === 0) touched.push(s);
        mask[s] = m | bit;
        score[s] = (score[s] as number) + w * this.impact(s, field, delta.tfs[p] as number, averages);
      }
    }
  }

  /**
   * Bit g set when the document at `slot` holds terms[g] in `field`: the answerability check asks
   * this of the few leading candidates only (a binary search per term: slots are sorted per term).
   */
  fieldMatches(slot: number, field: Field, terms: readonly string[]): number {
    if (field === 'exact') {
      const tfs = new Uint8Array(terms.length);
      this.exact.termFrequencies(slot, this.exact.query(terms), tfs);
      return tfs.reduce((bits, tf, g) => (tf > 0 ? bits | (2 ** g) : bits), 0) >>> 0;
    }
    const code = FIELD_CODES[FIELDS.indexOf(field)] as string;
    let bits = 0;
    terms.forEach((term, g) => {
      const key = code + term;
      const i = this.findFrozen(key);
      if (i >= 0 && containsSorted(this.postSlots, this.offsets[i] ?? 0, this.offsets[i + 1] ?? 0, slot)) bits |= 2 ** g;
      else if (this.delta.get(key)?.slots.includes(slot)) bits |= 2 ** g;
    });
    return bits >>> 0;
  }

  /** Indexed terms (in any field) starting with `prefix`, the most frequent first, at most `limit`. */
  termsWithPrefix(prefix: string, limit: number): string[] {
    const found = new Map<string, number>();
    const note = (key: string, df: number) => {
      const term = key.slice(1);
      found.set(term, Math.max(found.get(term) ?? 0, df));
    };
    for (const code of TEXT_FIELD_CODES) {
      const start = code + prefix;
      for (let i = this.lowerBound(start); i < this.terms.length; i++) {
        const key = this.terms[i] as string;
        if (!key.startsWith(start)) break;
        note(key, (this.offsets[i + 1] ?? 0) - (this.offsets[i] ?? 0));
      }
    }
    for (const [key, postings] of this.delta) if (key.startsWith(prefix, 1) && this.findFrozen(key) < 0) note(key, postings.slots.length);
    return [...found]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([term]) => term);
  }

  /**
   * Indexed terms within `maxEdits` edits of `term` (itself excluded). Only terms with the same
   * first character are compared: typos rarely hit it, and it keeps the scan to one dictionary range per field.
   */
  termsNear(term: string, maxEdits: number): Array<{ term: string; edits: number }> {
    const found = new Map<string, number>();
    const first = term[0];
    if (!first || maxEdits <= 0) return [];
    const consider = (candidate: string) => {
      if (candidate === term || found.has(candidate) || Math.abs(candidate.length - term.length) > maxEdits) return;
      const edits = boundedEditDistance(term, candidate, maxEdits);
      if (edits <= maxEdits) found.set(candidate, edits);
    };
    for (const code of TEXT_FIELD_CODES) {
      const start = code + first;
      for (let i = this.lowerBound(start); i < this.terms.length; i++) {
        const key = this.terms[i] as string;
        if (!key.startsWith(start)) break;
        consider(key.slice(1));
      }
    }
    for (const key of this.delta.keys()) if (key[1] === first && this.findFrozen(key) < 0) consider(key.slice(1));
    return [...found].map(([t, edits]) => ({ term: t, edits }));
  }

  /** Merges the delta into the frozen segment, drops dead documents (slots are renumbered) and scores every posting with the current averages. */
  compact(): void {
    if (this.deltaPostings === 0 && this.deadSlots === 0 && !this.averagesDrifted(0)) return;
    const averages = this.averages();
    const renumber = new Int32Array(this.slotCount).fill(-1);
    let live = 0;
    for (let s = 0; s < this.slotCount; s++) if (this.alive[s] === 1) renumber[s] = live++;

    // The merged dictionary: frozen terms and delta-only terms, both sorted.
    const deltaOnly = [...this.delta.keys()].filter((t) => this.findFrozen(t) < 0).sort();
    const merged: string[] = [];
    const frozenIndex: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.terms.length || j < deltaOnly.length) {
      const a = this.terms[i];
      const b = deltaOnly[j];
      if (b === undefined || (a !== undefined && a < b)) {
        merged.push(a as string);
        frozenIndex.push(i++);
      } else {
        merged.push(b);
        frozenIndex.push(-1);
        j++;
      }
    }

    // Count live postings per merged term, then fill.
    const counts = new Uint32Array(merged.length);
    let total = 0;
    for (let t = 0; t < merged.length; t++) {
      let n = 0;
      const fi = frozenIndex[t] as number;
      if (fi >= 0) for (let p = this.offsets[fi] ?? 0; p < (this.offsets[fi + 1] ?? 0); p++) n += this.alive[this.postSlots[p] as number] as number;
      const delta = this.delta.get(merged[t] as string);
      if (delta) for (const s of delta.slots) n += this.alive[s] as number;
      counts[t] = n;
      total += n;
    }
    const terms: string[] = [];
    const offsets: number[] = [0];
    const slots = new Uint32Array(total);
    const impacts = new Uint16Array(total);
    const tfs = new Uint8Array(total);
    const scored = (slot: number, field: number, tf: number) => Math.max(1, Math.round(this.impact(slot, field, tf, averages) * IMPACT_SCALE));
    let at = 0;
    for (let t = 0; t < merged.length; t++) {
      if (counts[t] === 0) continue;
      const fi = frozenIndex[t] as number;
      const field = fieldOfKey(merged[t] as string);
      if (fi >= 0) {
        for (let p = this.offsets[fi] ?? 0; p < (this.offsets[fi + 1] ?? 0); p++) {
          const s = this.postSlots[p] as number;
          if (this.alive[s] === 0) continue;
          const tf = this.postTfs[p] as number;
          slots[at] = renumber[s] as number;
          tfs[at] = tf;
          impacts[at++] = scored(s, field, tf);
        }
      }
      const delta = this.delta.get(merged[t] as string);
      if (delta) {
        for (let p = 0; p < delta.slots.length; p++) {
          const s = delta.slots[p] as number;
          if (this.alive[s] === 0) continue;
          const tf = delta.tfs[p] as number;
          slots[at] = renumber[s] as number;
          tfs[at] = tf;
          impacts[at++] = scored(s, field, tf);
        }
      }
      terms.push(merged[t] as string);
      offsets.push(at);
    }

    const keys: string[] = [];
    const stored: Array<S | null> = [];
    const lengths = new Uint16Array(Math.max(16, live) * FIELD_COUNT);
    for (let s = 0; s < this.slotCount; s++) {
      const n = renumber[s] as number;
      if (n < 0) continue;
      keys[n] = this.keys[s] as string;
      stored[n] = this.stored[s] ?? null;
      lengths.set(this.lengths.subarray(s * FIELD_COUNT, (s + 1) * FIELD_COUNT), n * FIELD_COUNT);
    }
    this.exact.compact(renumber);
    this.setDocuments(keys, stored, lengths);
    this.terms = terms;
    this.offsets = Uint32Array.from(offsets);
    this.postSlots = slots;
    this.postImpacts = impacts;
    this.postTfs = tfs;
    this.frozenAverages = averages;
    this.delta = new Map();
    this.deltaPostings = 0;
  }

  /**
   * Compacts, then returns the frozen arrays without copying them: they are never written in place
   * (compaction allocates new ones), so a pending IndexedDB write of them stays consistent.
   */
  serialize(): SerializedPostings {
    this.compact();
    return {
      terms: this.terms.join('\n'),
      offsets: this.offsets,
      slots: this.postSlots,
      impacts: this.postImpacts,
      tfs: this.postTfs,
      lengths: this.lengths.slice(0, this.slotCount * FIELD_COUNT),
      documents: JSON.stringify(this.keys.map((key, slot) => [key, this.stored[slot]])),
      exact: this.exact.serialize(),
    };
  }

  /** Restores a serialized index without re-analysing any text; throws on an inconsistent one. */
  static restore<S>(data: SerializedPostings, options: PostingsOptions = {}): PostingsIndex<S> {
    const ok =
      typeof data?.terms === 'string' &&
      typeof data.documents === 'string' &&
      data.offsets instanceof Uint32Array &&
      data.slots instanceof Uint32Array &&
      data.impacts instanceof Uint16Array &&
      data.tfs instanceof Uint8Array &&
      data.lengths instanceof Uint16Array;
    if (!ok) throw new Error('knowledge postings: malformed');
    const terms = data.terms === '' ? [] : data.terms.split('\n');
    const documents = JSON.parse(data.documents) as Array<[string, S]>;
    const n = documents.length;
    if (
      data.offsets.length !== terms.length + 1 ||
      data.slots.length !== data.impacts.length ||
      data.slots.length !== data.tfs.length ||
      data.offsets[terms.length] !== data.slots.length ||
      data.lengths.length !== n * FIELD_COUNT
    ) {
      throw new Error('knowledge postings: inconsistent arrays');
    }
    for (let p = 0; p < data.slots.length; p++) if ((data.slots[p] as number) >= n) throw new Error('knowledge postings: slot out of range');
    const index = new PostingsIndex<S>(options);
    const lengths = new Uint16Array(Math.max(16, n) * FIELD_COUNT);
    lengths.set(data.lengths);
    index.setDocuments(
      documents.map(([key]) => key),
      documents.map(([, item]) => item),
      lengths,
    );
    index.terms = terms;
    index.offsets = data.offsets;
    index.postSlots = data.slots;
    index.postImpacts = data.impacts;
    index.postTfs = data.tfs;
    index.exact = ExactWords.restore(data.exact, n);
    // Saved right after a compaction: the impacts were scored with the averages the documents give now.
    index.frozenAverages = index.averages();
    return index;
  }

  private setDocuments(keys: string[], stored: Array<S | null>, lengths: Uint16Array<ArrayBuffer>): void {
    const n = keys.length;
    this.keys = keys;
    this.stored = stored;
    this.lengths = lengths;
    this.alive = new Uint8Array(Math.max(16, n)).fill(1, 0, n);
    this.slotOf = new Map(keys.map((key, slot) => [key, slot]));
    this.slotCount = n;
    this.liveCount = n;
    this.deadSlots = 0;
    this.liveFrequencies.clear();
    this.totals = new Float64Array(FIELD_COUNT);
    this.fieldDocs = new Float64Array(FIELD_COUNT);
    for (let s = 0; s < n; s++) {
      for (let f = 0; f < FIELD_COUNT; f++) {
        const length = lengths[s * FIELD_COUNT + f] ?? 0;
        this.totals[f] = (this.totals[f] ?? 0) + length;
        if (length > 0) this.fieldDocs[f] = (this.fieldDocs[f] ?? 0) + 1;
      }
    }
  }

  /**
   * Each field's average length over the documents that have the field, as Lucene computes it: a field
   * few documents use ("also answers" phrasings, a category) would otherwise average near zero, and the
   * length normalisation would crush the very documents that have it.
   */
  private averages(): Float64Array {
    const averages = new Float64Array(FIELD_COUNT);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const docs = this.fieldDocs[f] ?? 0;
      averages[f] = docs > 0 ? (this.totals[f] ?? 0) / docs : 0;
    }
    return averages;
  }

  /**
   * BM25 saturation of one field's term frequency, normalized by the field's length, the field
   * weight applied before saturating: tf′/(k1 + tf′) with tf′ = weight × tf / (1 − b + b·len/avg).
   */
  private impact(slot: number, field: number, tf: number, averages: Float64Array): number {
    const average = averages[field] ?? 0;
    const norm = average > 0 ? 1 - B + (B * (this.lengths[slot * FIELD_COUNT + field] ?? 0)) / average : 1;
    const weighted = ((this.boosts[field] ?? 1) * tf) / norm;
    return weighted / (K1 + weighted);
  }

  private reserve(slots: number): void {
    if (slots <= this.alive.length) return;
    const capacity = Math.max(slots, this.alive.length * 2);
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.alive = alive;
    const lengths = new Uint16Array(capacity * FIELD_COUNT);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }

  private lowerBound(term: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[mid] as string) < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private findFrozen(term: string): number {
    const i = this.lowerBound(term);
    return this.terms[i] === term ? i : -1;
  }
}

function containsSorted(slots: Uint32Array, from: number, to: number, slot: number): boolean {
  const at = lowerBound(slots, from, to, slot);
  return at < to && slots[at] === slot;
}

/** The first position in slots[from, to) (sorted) holding a slot ≥ `slot`. */
function lowerBound(slots: Uint32Array, from: number, to: number, slot: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((slots[mid] as number) < slot) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Levenshtein distance, or max + 1 as soon as it must exceed `max`. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] as number;
}
