import { describe, expect, it } from 'vitest';
import { B, type FieldTexts, K1, PostingsIndex } from './postings';
import { fieldTexts } from './test-fixtures';
import { exactWords } from './text';

// Deterministic fixture text: common words, identifiers, folded accents, other scripts, and a word repeated past
// the 255 a term frequency holds.
const VOCABULARY = [
  ...'the a how do i to and of is not it in on for with when after before'.split(' '),
  ...'install installed installer installing uninstall refund refunds refunded invoice invoices'.split(' '),
  ...'sqlcode-805 4.1.1.2 odbc_ini e10442 prd-31337 Rückerstattung Müller café naïve 払い戻し 返金 ошибка'.split(' '),
  ...Array.from({ length: 400 }, (_, i) => `w${(i * 7919) % 1009}x${i % 13}`),
];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function fixture(count: number, seed: number): Array<[string, FieldTexts]> {
  const r = random(seed);
  const words = (n: number) => Array.from({ length: n }, () => VOCABULARY[Math.floor(r() * r() * VOCABULARY.length)]).join(' ');
  return Array.from({ length: count }, (_, i) => [
    `doc-${i}`,
    fieldTexts({
      title: words(3 + Math.floor(r() * 6)),
      summary: r() < 0.5 ? words(8) : '',
      body: i === 7 ? `${'refund '.repeat(300)}invoice` : words(20 + Math.floor(r() * 120)),
      alsoAnswers: r() < 0.2 ? words(5) : '',
      // Not part of the exact field: only stems.
      tagText: words(2),
      category: words(2),
    }),
  ]);
}

/**
 * The exact field's one-field BM25 computed from the texts alone, as the postings computed it before (format 7):
 * document frequency over live documents, tf capped at 255, average length over live documents, each distinct word
 * once, summed in query order.
 */
function oracle(docs: ReadonlyMap<string, FieldTexts>): (words: readonly string[], key: string) => number {
  const bags = new Map<string, { tfs: Map<string, number>; length: number }>();
  const dfs = new Map<string, number>();
  let total = 0;
  for (const [k, t] of docs) {
    const all = [t.title, t.summary, t.body, t.alsoAnswers].flatMap((text) => exactWords(text));
    const tfs = new Map<string, number>();
    for (const w of all) tfs.set(w, Math.min(255, (tfs.get(w) ?? 0) + 1));
    for (const w of tfs.keys()) dfs.set(w, (dfs.get(w) ?? 0) + 1);
    bags.set(k, { tfs, length: Math.min(all.length, 65_535) });
    total += Math.min(all.length, 65_535);
  }
  const n = docs.size;
  const average = total / n;
  return (words, key) => {
    const bag = bags.get(key);
    if (!bag) return 0;
    const norm = 1 - B + (B * bag.length) / average;
    let score = 0;
    for (const word of new Set(words)) {
      const df = dfs.get(word) ?? 0;
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const tf = bag.tfs.get(word) ?? 0;
      if (tf > 0) score += (idf * tf * (K1 + 1)) / (tf + K1 * norm);
    }
    return score;
  };
}

const QUERIES = [
  ['how', 'do', 'i', 'install', 'the', 'refund'],
  ['installed', 'refunded', 'sqlcode', '805', 'odbc_ini', 'e10442'],
  ['ruckerstattung', 'muller', 'cafe', 'naive', '払い戻し', 'ошибка', 'unknownword'],
  ['refund', 'invoice', 'refund', 'w0x0', 'w7919x1'],
  VOCABULARY.slice(40, 300).flatMap((w) => exactWords(w)),
];

function expectOracle(index: PostingsIndex<string>, docs: ReadonlyMap<string, FieldTexts>): void {
  const keys = [...docs.keys()];
  const slots = keys.map((key) => index.slotOfKey(key) as number);
  const score = oracle(docs);
  for (const query of QUERIES) {
    // Bit for bit, not close: the ranking must not move.
    expect(index.exactWordScores(query, slots)).toEqual(keys.map((key) => score(query, key)));
  }
  for (const word of ['refund', 'the', '805', 'ruckerstattung', '払い戻し', 'nothing']) {
    let df = 0;
    for (const t of docs.values()) if ([t.title, t.summary, t.body, t.alsoAnswers].some((x) => exactWords(x).includes(word))) df++;
    expect(index.fieldFrequency(word, 'exact')).toBe(df);
  }
}

describe('the exact field as per-document word lists', () => {
  it('scores like one-field BM25 over the texts, bit for bit, before and after compaction', () => {
    const docs = new Map(fixture(150, 1));
    const index = new PostingsIndex<string>();
    for (const [key, t] of docs) index.add(key, t, key);
    expectOracle(index, docs);
    index.compact();
    expectOracle(index, docs);
    expect(index.exactWordScores(['refund'], [index.slotOfKey('doc-7') as number])[0]).toBeGreaterThan(0);
  });

  it('counts replaced and removed documents out at once, and compaction keeps the scores', () => {
    const docs = new Map(fixture(120, 2));
    const index = new PostingsIndex<string>();
    for (const [key, t] of docs) index.add(key, t, key);
    index.compact();
    const replacements = fixture(40, 3);
    for (let i = 0; i < 40; i += 2) {
      const key = `doc-${i}`;
      index.remove(key);
      docs.delete(key);
      const [, t] = replacements[i + 1] as [string, FieldTexts];
      index.add(`doc-${i + 1}`, t, `doc-${i + 1}`);
      docs.set(`doc-${i + 1}`, t);
    }
    const dead = index.slotOfKey('doc-41') as number;
    index.remove('doc-41');
    docs.delete('doc-41');
    expectOracle(index, docs);
    expect(index.exactWordScores(['the', 'refund'], [dead])).toEqual([0]);
    index.compact();
    expectOracle(index, docs);
  });

  it('an index fed page by page (compacting between pages, with removals) scores as one built at once', () => {
    const all = fixture(200, 4);
    const fed = new PostingsIndex<string>();
    const docs = new Map<string, FieldTexts>();
    all.forEach(([key, t], i) => {
      fed.add(key, t, key);
      docs.set(key, t);
      if (i % 9 === 4) {
        const gone = `doc-${i - 3}`;
        fed.remove(gone);
        docs.delete(gone);
      }
      if (i % 37 === 36) fed.compact();
      else if (fed.needsCompaction) fed.compact();
    });
    const fresh = new PostingsIndex<string>();
    for (const [key, t] of docs) fresh.add(key, t, key);
    fresh.compact();
    for (const query of QUERIES) {
      const keys = [...docs.keys()];
      expect(
        fed.exactWordScores(
          query,
          keys.map((k) => fed.slotOfKey(k) as number),
        ),
      ).toEqual(
        fresh.exactWordScores(
          query,
          keys.map((k) => fresh.slotOfKey(k) as number),
        ),
      );
    }
    expectOracle(fed, docs);
  });

  it('survives a round trip through its persisted form (structured clone), and grows again after it', () => {
    const docs = new Map(fixture(100, 5));
    const index = new PostingsIndex<string>();
    for (const [key, t] of docs) index.add(key, t, key);
    const serialized = index.serialize();
    const restored = PostingsIndex.restore<string>(structuredClone(serialized));
    expectOracle(restored, docs);
    expect(restored.serialize().exact).toEqual(serialized.exact);
    // A word no document had before, then the document gone again.
    const extra = fieldTexts({ title: 'brand-new zyxword', body: 'refund the invoice' });
    restored.add('extra', extra, 'extra');
    docs.set('extra', extra);
    expectOracle(restored, docs);
    restored.remove('doc-3');
    docs.delete('doc-3');
    expectOracle(restored, docs);
    expectOracle(PostingsIndex.restore<string>(structuredClone(restored.serialize())), docs);
  });

  it('never writes into the arrays it handed out for saving (a pending IndexedDB write stays consistent)', () => {
    const index = new PostingsIndex<string>();
    for (const [key, t] of fixture(60, 7)) index.add(key, t, key);
    const saved = index.serialize().exact;
    const copy = structuredClone(saved);
    for (const [key, t] of fixture(30, 8)) index.add(`more-${key}`, t, key);
    index.remove('doc-5');
    index.compact();
    expect(saved).toEqual(copy);
    expect(index.serialize().exact).not.toEqual(copy);
  });

  it('refuses a damaged copy', () => {
    const index = new PostingsIndex<string>();
    for (const [key, t] of fixture(20, 6)) index.add(key, t, key);
    const serialized = index.serialize();
    const damaged = (exact: Partial<typeof serialized.exact>) => ({ ...serialized, exact: { ...serialized.exact, ...exact } });
    expect(() => PostingsIndex.restore(damaged({ listOffsets: serialized.exact.listOffsets.slice(1) }))).toThrow(/exact words/);
    expect(() => PostingsIndex.restore(damaged({ words: `${serialized.exact.words}x` }))).toThrow(/exact words/);
    expect(() => PostingsIndex.restore(damaged({ frequencies: serialized.exact.frequencies.slice(1) }))).toThrow(/exact words/);
    expect(() => PostingsIndex.restore({ ...serialized, exact: undefined as never })).toThrow(/exact words/);
  });
});
