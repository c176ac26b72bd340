/**
 * The knowledge index's `exact` field (postings.ts) as a forward index: per document, its distinct exact words as
 * ascending word ids with their term frequencies; per word, how many live documents hold it.
 *
 * Why not postings like the stemmed fields: the field is only read for a query's leading candidates (rank.ts,
 * `wholeTextOrder`), so nothing ever walks a word's documents; each candidate's own list gives its term frequencies,
 * and BM25 is computed from them and the document's length at query time, as the postings' stored impacts were never
 * read for this field. A list entry is one varint (the gap from the previous id, doubled, plus one when tf > 1, then
 * a tf byte): about 2 bytes against a posting's 7 (slot, impact, tf). The dictionary is one string of the sorted words
 * and their offsets, not a string per word: nothing to split on load and no per-string heap cost.
 */

/** The persisted form: typed arrays and one string, stored and restored by structured clone. */
export interface SerializedExactWords {
  /** The sorted words, concatenated; `wordLengths` cuts them (exact words have at most 40 characters). */
  words: string;
  wordLengths: Uint8Array<ArrayBuffer>;
  /** Each word's document frequency, as varints in word order. */
  frequencies: Uint8Array<ArrayBuffer>;
  /** Each document's word list, in slot order. */
  lists: Uint8Array<ArrayBuffer>;
  /** Where each slot's list starts in `lists`; one more than the documents. */
  listOffsets: Uint32Array<ArrayBuffer>;
}

/** The word ids a query looks for, ascending, each with the position of its word in the query. */
export interface ExactQuery {
  ids: Uint32Array;
  positions: Uint32Array;
}

const MAX_WORD_LENGTH = 255;
// Varint + tf byte: an entry never takes more than this.
const MAX_ENTRY_BYTES = 6;

export class ExactWords {
  /** The frozen dictionary: word i is text[starts[i], starts[i + 1]). Sorted by UTF-16 code units, as `<` compares. */
  private text = '';
  private starts = new Uint32Array(1);
  /** Words first met since the last compaction: id = frozen word count + arrival order. */
  private added = new Map<string, number>();
  /** Live documents per word id. */
  private frequencies = new Uint32Array(16);
  private lists = new Uint8Array(0);
  private used = 0;
  private listOffsets = new Uint32Array(1);
  private slotCount = 0;
  /** Documents at the last compaction (or restore): the lists of those after them were appended since. */
  private frozenSlots = 0;
  /** (document, word) entries in the lists at the last compaction: the share of the index's postings this field holds. */
  frozenEntries = 0;

  private get frozenWords(): number {
    return this.starts.length - 1;
  }

  private get wordCount(): number {
    return this.frozenWords + this.added.size;
  }

  /** Live documents holding `word`. */
  frequency(word: string): number {
    const id = this.idOf(word);
    return id < 0 ? 0 : (this.frequencies[id] as number);
  }

  /** The id of a word, or -1 when no document added since the last compaction or before it holds it. */
  idOf(word: string): number {
    const i = this.findFrozen(word);
    return i >= 0 ? i : (this.added.get(word) ?? -1);
  }

  /** Live documents holding the word with this id. */
  frequencyOf(id: number): number {
    return this.frequencies[id] ?? 0;
  }

  /** The ids of `words` (−1 for unknown ones skipped), ascending, with each one's position in `words`. */
  query(words: readonly string[]): ExactQuery {
    const found: number[] = [];
    words.forEach((word, k) => {
      const id = this.idOf(word);
      // id × 2^9 + position stays exact in a double (ids < 2^32, at most 512 query words).
      if (id >= 0) found.push(id * 512 + k);
    });
    const keys = Float64Array.from(found).sort();
    const ids = new Uint32Array(keys.length);
    const positions = new Uint32Array(keys.length);
    keys.forEach((key, j) => {
      positions[j] = key % 512;
      ids[j] = (key - (positions[j] as number)) / 512;
    });
    return { ids, positions };
  }

  /** Sets out[position] to the document's term frequency of each query word (0 when it lacks it). */
  termFrequencies(slot: number, query: ExactQuery, out: Uint8Array): void {
    out.fill(0);
    const { ids, positions } = query;
    if (ids.length === 0) return;
    const lists = this.lists;
    const last = ids[ids.length - 1] as number;
    let p = this.listOffsets[slot] ?? 0;
    const end = this.listOffsets[slot + 1] ?? 0;
    let id = -1;
    let q = 0;
    // forEachEntry's decoding, inlined: this runs for each of a query's 20 candidates, and it stops at the last query word.
    while (p < end) {
      let b = lists[p++] as number;
      let v = b & 127;
      for (let scale = 128; b >= 128; scale *= 128) {
        b = lists[p++] as number;
        v += (b & 127) * scale;
      }
      const odd = v % 2;
      id += (v - odd) / 2 + 1;
      const tf = odd === 1 ? (lists[p++] as number) : 1;
      while (q < ids.length && (ids[q] as number) < id) q++;
      if (q === ids.length || id > last) return;
      if (ids[q] === id) out[positions[q] as number] = tf;
    }
  }

  /** Appends the document at `slot` (the next one) with its words and their term frequencies (1..255). */
  add(slot: number, words: ReadonlyMap<string, number>): void {
    if (slot !== this.slotCount) throw new Error('exact words: documents are added in slot order');
    const keys = new Float64Array(words.size);
    let k = 0;
    for (const [word, tf] of words) {
      let id = this.idOf(word);
      if (id < 0) {
        if (word.length > MAX_WORD_LENGTH) throw new Error('exact words: a word longer than 255 characters');
        id = this.wordCount;
        this.added.set(word, id);
        this.reserveWords(id + 1);
      }
      this.frequencies[id] = (this.frequencies[id] as number) + 1;
      keys[k++] = id * 256 + tf;
    }
    const sorted = keys.subarray(0, k).sort();
    this.reserveBytes(this.used + k * MAX_ENTRY_BYTES);
    this.used = encode(sorted, this.lists, this.used);
    if (this.listOffsets.length < slot + 2) {
      const grown = new Uint32Array(Math.max(slot + 2, this.listOffsets.length * 2));
      grown.set(this.listOffsets);
      this.listOffsets = grown;
    }
    this.listOffsets[slot + 1] = this.used;
    this.slotCount += 1;
  }

  /** The document at `slot` is gone: its words count one document less (its list goes at the next compaction). */
  remove(slot: number): void {
    this.forEachEntry(slot, (id) => {
      this.frequencies[id] = (this.frequencies[id] as number) - 1;
    });
  }

  /**
   * Drops dead documents (`renumber[slot]` < 0; the others move to their new slots, in the same order) and words no live
   * document holds, and sorts the words added since the last compaction into the dictionary (ids are renumbered).
   */
  compact(renumber: Int32Array): void {
    let live = 0;
    let bytes = 0;
    for (let s = 0; s < this.slotCount; s++) {
      if ((renumber[s] as number) < 0) continue;
      live++;
      bytes += (this.listOffsets[s + 1] as number) - (this.listOffsets[s] as number);
    }
    // Nothing added or removed since the last compaction: the lists stay as they are.
    if (live === this.slotCount && this.slotCount === this.frozenSlots) return;
    // The merged dictionary: frozen and added words alive in some document, in order.
    const addedWords = [...this.added.keys()].filter((w) => (this.frequencies[this.added.get(w) as number] as number) > 0).sort();
    const newId = new Int32Array(this.wordCount).fill(-1);
    const merged: string[] = [];
    let i = 0;
    let j = 0;
    const frozen = this.frozenWords;
    while (i < frozen || j < addedWords.length) {
      if (i < frozen && (this.frequencies[i] as number) === 0) {
        i++;
        continue;
      }
      const a = i < frozen ? this.wordAt(i) : undefined;
      const b = addedWords[j];
      if (b === undefined || (a !== undefined && a < b)) {
        newId[i++] = merged.length;
        merged.push(a as string);
      } else {
        newId[this.added.get(b) as number] = merged.length;
        merged.push(b);
        j++;
      }
    }
    const frequencies = new Uint32Array(Math.max(16, merged.length));
    for (let id = 0; id < newId.length; id++) {
      const to = newId[id] as number;
      if (to >= 0) frequencies[to] = this.frequencies[id] as number;
    }
    const starts = new Uint32Array(merged.length + 1);
    merged.forEach((word, w) => {
      starts[w + 1] = (starts[w] as number) + word.length;
    });

    // Renumbered ids can take a byte more or less than before: start at the old size with some room, grow when needed.
    let lists = new Uint8Array(Math.ceil(bytes * 1.125) + 1024);
    const listOffsets = new Uint32Array(live + 1);
    let scratch = new Float64Array(64);
    let at = 0;
    let entries = 0;
    for (let s = 0; s < this.slotCount; s++) {
      const n = renumber[s] as number;
      if (n < 0) continue;
      let k = 0;
      let ordered = true;
      this.forEachEntry(s, (id, tf) => {
        if (k === scratch.length) {
          const grown = new Float64Array(k * 2);
          grown.set(scratch);
          scratch = grown;
        }
        const key = (newId[id] as number) * 256 + tf;
        if (k > 0 && key < (scratch[k - 1] as number)) ordered = false;
        scratch[k++] = key;
      });
      const keys = scratch.subarray(0, k);
      if (!ordered) keys.sort();
      if (at + k * MAX_ENTRY_BYTES > lists.length) {
        const grown = new Uint8Array(Math.max(at + k * MAX_ENTRY_BYTES, lists.length * 2));
        grown.set(lists.subarray(0, at));
        lists = grown;
      }
      at = encode(keys, lists, at);
      entries += k;
      listOffsets[n + 1] = at;
    }
    if (at < lists.length) lists = lists.slice(0, at);

    this.text = merged.join('');
    this.starts = starts;
    this.added = new Map();
    this.frequencies = frequencies;
    this.lists = lists;
    this.used = at;
    this.listOffsets = listOffsets;
    this.slotCount = live;
    this.frozenSlots = live;
    this.frozenEntries = entries;
  }

  /** The persistable form; the arrays are new or never written in place again (a later add reallocates). */
  serialize(): SerializedExactWords {
    const count = this.frozenWords;
    if (this.added.size > 0 || this.used !== this.lists.length || this.listOffsets.length !== this.slotCount + 1) {
      throw new Error('exact words: compact before serializing');
    }
    const wordLengths = new Uint8Array(count);
    for (let w = 0; w < count; w++) wordLengths[w] = (this.starts[w + 1] as number) - (this.starts[w] as number);
    const frequencies = new Uint8Array(count * 5);
    let at = 0;
    for (let w = 0; w < count; w++) at = putVarint(frequencies, at, this.frequencies[w] as number);
    return { words: this.text, wordLengths, frequencies: frequencies.slice(0, at), lists: this.lists, listOffsets: this.listOffsets };
  }

  /** Restores a serialized copy over `documents` slots; throws when it is inconsistent. */
  static restore(data: SerializedExactWords, documents: number): ExactWords {
    const ok =
      typeof data?.words === 'string' &&
      data.wordLengths instanceof Uint8Array &&
      data.frequencies instanceof Uint8Array &&
      data.lists instanceof Uint8Array &&
      data.listOffsets instanceof Uint32Array;
    if (!ok) throw new Error('knowledge exact words: malformed');
    const count = data.wordLengths.length;
    const starts = new Uint32Array(count + 1);
    for (let w = 0; w < count; w++) starts[w + 1] = (starts[w] as number) + (data.wordLengths[w] as number);
    const frequencies = new Uint32Array(Math.max(16, count));
    let p = 0;
    let entries = 0;
    for (let w = 0; w < count; w++) {
      if (p >= data.frequencies.length) throw new Error('knowledge exact words: frequencies cut short');
      let b = data.frequencies[p++] as number;
      let v = b & 127;
      for (let scale = 128; b >= 128; scale *= 128) {
        b = data.frequencies[p++] ?? 0;
        v += (b & 127) * scale;
      }
      frequencies[w] = v;
      entries += v;
    }
    const offsets = data.listOffsets;
    if (
      starts[count] !== data.words.length ||
      p !== data.frequencies.length ||
      offsets.length !== documents + 1 ||
      offsets[0] !== 0 ||
      offsets[documents] !== data.lists.length
    ) {
      throw new Error('knowledge exact words: inconsistent arrays');
    }
    for (let s = 0; s < documents; s++) if ((offsets[s] as number) > (offsets[s + 1] as number)) throw new Error('knowledge exact words: lists out of order');
    const words = new ExactWords();
    words.text = data.words;
    words.starts = starts;
    words.frequencies = frequencies;
    words.lists = data.lists;
    words.used = data.lists.length;
    words.listOffsets = offsets;
    words.slotCount = documents;
    words.frozenSlots = documents;
    words.frozenEntries = entries;
    return words;
  }

  private forEachEntry(slot: number, visit: (id: number, tf: number) => void): void {
    const lists = this.lists;
    let p = this.listOffsets[slot] ?? 0;
    const end = this.listOffsets[slot + 1] ?? 0;
    let id = -1;
    while (p < end) {
      let b = lists[p++] as number;
      let v = b & 127;
      for (let scale = 128; b >= 128; scale *= 128) {
        b = lists[p++] as number;
        v += (b & 127) * scale;
      }
      const odd = v % 2;
      id += (v - odd) / 2 + 1;
      visit(id, odd === 1 ? (lists[p++] as number) : 1);
    }
  }

  private wordAt(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1]);
  }

  private findFrozen(word: string): number {
    let lo = 0;
    let hi = this.frozenWords;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compareAt(mid, word);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Frozen word i against `word`, by UTF-16 code units as `<` compares strings, without slicing it out. */
  private compareAt(i: number, word: string): number {
    const from = this.starts[i] as number;
    const length = (this.starts[i + 1] as number) - from;
    const common = Math.min(length, word.length);
    for (let c = 0; c < common; c++) {
      const d = this.text.charCodeAt(from + c) - word.charCodeAt(c);
      if (d !== 0) return d;
    }
    return length - word.length;
  }

  private reserveWords(count: number): void {
    if (count <= this.frequencies.length) return;
    const grown = new Uint32Array(Math.max(count, this.frequencies.length * 2));
    grown.set(this.frequencies);
    this.frequencies = grown;
  }

  private reserveBytes(bytes: number): void {
    if (bytes <= this.lists.length) return;
    const grown = new Uint8Array(Math.max(bytes, this.lists.length * 2, 1024));
    grown.set(this.lists.subarray(0, this.used));
    this.lists = grown;
  }
}

/** Writes ascending (id × 256 + tf) keys as gap varints (tf byte after an odd one) from `at`; returns the end. */
function encode(keys: Float64Array, out: Uint8Array, at: number): number {
  let previous = -1;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as number;
    const tf = key % 256;
    const id = (key - tf) / 256;
    at = putVarint(out, at, (id - previous - 1) * 2 + (tf > 1 ? 1 : 0));
    if (tf > 1) out[at++] = tf;
    previous = id;
  }
  return at;
}

function putVarint(out: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 128) {
    out[at++] = (v % 128) | 128;
    v = Math.floor(v / 128);
  }
  out[at++] = v;
  return at;
}
