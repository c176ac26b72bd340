import { describe, expect, it } from 'vitest';
import { boundedEditDistance, type FieldTexts, MAX_GROUPS, PostingsIndex } from './postings';
import { fieldTexts } from './test-fixtures';
import { processTerm } from './text';

function indexOf(docs: Record<string, Partial<FieldTexts>>): PostingsIndex<string> {
  const index = new PostingsIndex<string>();
  for (const [key, fields] of Object.entries(docs)) index.add(key, fieldTexts(fields), key);
  return index;
}

/** Keys by descending score for a query of plain words, one group per word. */
function ranked(index: PostingsIndex<string>, ...words: string[]): Array<[string, number]> {
  const found = index.accumulate(words.map((word) => ({ expansions: [{ term: processTerm(word) ?? word, weight: 1 }] })));
  return found.touched.map((slot) => [index.at(slot) as string, found.score[slot] as number] as [string, number]).sort((a, b) => b[1] - a[1]);
}
const keys = (rows: Array<[string, number]>) => rows.map(([key]) => key);

const FILLER = 'the courier collects parcels from the depot each morning and drivers scan every label before loading vans';

describe('PostingsIndex scoring', () => {
  it('ranks a title match above a body match, and a short body above a long one', () => {
    const index = indexOf({
      body: { title: 'Delivery times', body: `refund ${FILLER}` },
      title: { title: 'Refund rules', body: FILLER },
      long: { title: 'Depot', body: `refund ${FILLER} ${FILLER} ${FILLER}` },
      none: { title: 'Vans', body: FILLER },
    });
    index.compact();
    expect(keys(ranked(index, 'refund'))).toEqual(['title', 'body', 'long']);
  });

  it('normalises a field few documents use by its own documents, so the one article with a phrasing is not crushed', () => {
    // Forty articles without "also answers" phrasings, one with: the phrasing scores like an equally long title.
    const docs: Record<string, Partial<FieldTexts>> = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`other-${i}`, { title: `Depot ${i}`, body: FILLER }]),
    );
    const index = indexOf({
      ...docs,
      phrased: { title: 'Activate', alsoAnswers: 'frozen spinner', body: FILLER },
      titled: { title: 'frozen spinner', body: FILLER },
    });
    for (const compacted of [false, true]) {
      if (compacted) index.compact();
      const scores = Object.fromEntries(ranked(index, 'frozen', 'spinner'));
      expect(scores.phrased).toBeGreaterThan((scores.titled ?? 0) * 0.8);
    }
  });

  it('weighs rare words above common ones (IDF) and marks which group each document matched', () => {
    const index = indexOf({ a: { body: 'router reset' }, b: { body: 'router' }, c: { body: 'router' }, d: { body: 'firmware router' } });
    const found = index.accumulate([{ expansions: [{ term: 'router', weight: 1 }] }, { expansions: [{ term: processTerm('firmware') ?? '', weight: 1 }] }]);
    const bySlot = (key: string) => found.touched.find((slot) => index.at(slot) === key) as number;
    expect(found.mask[bySlot('d')]).toBe(0b11);
    expect(found.mask[bySlot('b')]).toBe(0b01);
    expect(found.score[bySlot('d')]).toBeGreaterThan((found.score[bySlot('b')] as number) * 2);
  });

  it('scores the delta (before compaction) as the frozen segment does after it', () => {
    const docs = {
      a: { title: 'Roaming charges abroad', body: 'Roaming is free in the EU. Outside the EU roaming costs apply per day.' },
      b: { title: 'Porting your number', summary: 'Keep your number', body: 'Ask your old provider for a porting code.' },
      c: { title: 'Data roaming settings', body: 'Turn data roaming on in settings.', tagText: 'roaming data' },
    };
    const delta = indexOf(docs);
    const before = ranked(delta, 'roam', 'data');
    delta.compact();
    const after = ranked(delta, 'roam', 'data');
    expect(keys(after)).toEqual(keys(before));
    for (const [i, [, score]] of after.entries()) expect(score).toBeCloseTo(before[i]?.[1] ?? Number.NaN, 3);
  });

  it('forgets removed and replaced documents, and compaction renumbers without losing any', () => {
    const index = indexOf({ a: { title: 'Invoice copy' }, b: { title: 'Invoice dispute' }, c: { title: 'Plan change' } });
    index.compact();
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    index.add('b', fieldTexts({ title: 'Billing dispute' }), 'b');
    expect(keys(ranked(index, 'invoice'))).toEqual([]);
    expect(keys(ranked(index, 'dispute'))).toEqual(['b']);
    expect(index.size).toBe(2);
    index.compact();
    expect(index.slotLimit).toBe(2);
    expect(index.documentFrequency('invoice')).toBe(0);
    expect(keys(ranked(index, 'dispute'))).toEqual(['b']);
    expect(index.get('c')).toBe('c');
  });

  it('round-trips through structured clone and refuses inconsistent data', () => {
    const index = indexOf({ a: { title: 'eSIM activation', body: 'Scan the QR code' }, b: { title: 'SIM swap', body: 'Order a new SIM' } });
    index.add('c', fieldTexts({ title: 'Lost phone' }), 'c');
    const restored = PostingsIndex.restore<string>(structuredClone(index.serialize()));
    expect(ranked(restored, 'sim')).toEqual(ranked(index, 'sim'));
    expect(restored.get('c')).toBe('c');
    const damaged = { ...index.serialize(), slots: new Uint32Array(1) };
    expect(() => PostingsIndex.restore(damaged)).toThrow(/inconsistent/);
    expect(() => PostingsIndex.restore({ ...index.serialize(), impacts: [] as unknown as Uint16Array<ArrayBuffer> })).toThrow(/malformed/);
  });

  it('caps a query at MAX_GROUPS words', () => {
    const index = indexOf({ a: { body: 'word' } });
    const groups = Array.from({ length: MAX_GROUPS + 1 }, () => ({ expansions: [{ term: 'word', weight: 1 }] }));
    expect(() => index.accumulate(groups)).toThrow(/at most/);
  });
});

describe('PostingsIndex dictionary', () => {
  const index = indexOf({
    a: { title: 'Password reset', body: 'passport photo' },
    b: { body: 'password password' },
    c: { title: 'Passcode', tagText: 'password' },
    d: { body: 'pastry password' },
  });
  index.compact();
  index.add('e', fieldTexts({ body: 'passphrase' }), 'e');

  it('completes a prefix from every field and the delta, most frequent first', () => {
    expect(index.termsWithPrefix('pass', 10)).toEqual(['password', 'passcod', 'passphras', 'passport']);
    expect(index.termsWithPrefix('pass', 1)).toEqual(['password']);
    expect(index.termsWithPrefix('zzz', 5)).toEqual([]);
  });

  it('finds near spellings with the same first letter only', () => {
    expect(index.termsNear('pasword', 1)).toEqual([{ term: 'password', edits: 1 }]);
    expect(index.termsNear('assword', 1)).toEqual([]);
    // Porter2 indexes "pastry" as "pastri".
    expect(index.termsNear('pastro', 1).map((n) => n.term)).toEqual(['pastri']);
  });

  it('computes bounded edit distances', () => {
    expect(boundedEditDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedEditDistance('kitten', 'sitting', 2)).toBe(3);
    expect(boundedEditDistance('refund', 'refunds', 1)).toBe(1);
    expect(boundedEditDistance('abc', 'abcdef', 2)).toBe(3);
  });
});

describe('wholeTextScores (title + body read as one text)', () => {
  const docs = {
    first: { title: 'alpha beta', body: 'alpha gamma delta' },
    second: { title: 'gamma', body: 'epsilon' },
    third: { title: 'zeta', body: 'eta theta' },
  };
  // One-field BM25 by hand: tf and length summed over title and body, the average over the three documents (10 / 3).
  const bm25 = (tf: number, df: number, length: number) =>
    (Math.log(1 + (3 - df + 0.5) / (df + 0.5)) * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * length) / (10 / 3)));

  it('sums a term over both fields before saturating, and counts each query term once', () => {
    const index = indexOf(docs);
    const first = index.slotOfKey('first') as number;
    expect(index.wholeTextScores(['alpha'], [first], ['title', 'body'])[0]).toBeCloseTo(bm25(2, 1, 5), 10);
    expect(index.wholeTextScores(['alpha', 'alpha', 'gamma'], [first], ['title', 'body'])[0]).toBeCloseTo(bm25(2, 1, 5) + bm25(1, 1, 5), 10);
    expect(index.wholeTextScores(['alpha'], [first], ['title'])[0]).not.toBeCloseTo(bm25(2, 1, 5), 3);
    expect(index.wholeTextScores(['epsilon'], [first], ['title', 'body'])[0]).toBe(0);
  });

  it('reads the same from the compacted postings as from the delta, and nothing for a removed document', () => {
    const index = indexOf(docs);
    const before = index.wholeTextScores(['gamma'], [index.slotOfKey('second') as number], ['title', 'body'])[0] as number;
    expect(before).toBeCloseTo(bm25(1, 1, 2), 10);
    index.compact();
    expect(index.wholeTextScores(['gamma'], [index.slotOfKey('second') as number], ['title', 'body'])[0]).toBeCloseTo(before, 10);
    const slot = index.slotOfKey('third') as number;
    index.remove('third');
    expect(index.wholeTextScores(['zeta'], [slot], ['title', 'body'])[0]).toBe(0);
  });
});

describe('the exact-word field (unstemmed, stop words kept)', () => {
  const docs = {
    installed: { title: 'Software installed twice', body: 'how do I remove the second copy' },
    install: { title: 'Install the software', body: 'run the installer, then install the licence' },
    code: { title: 'Error SQLCODE-805', body: 'the package was not found' },
  };

  it('tells words the stems merge apart, and keeps stop words and the parts of identifiers', () => {
    const index = indexOf(docs);
    for (const compacted of [false, true]) {
      if (compacted) index.compact();
      const score = (words: string[], key: string) => index.exactWordScores(words, [index.slotOfKey(key) as number])[0] as number;
      // Stemmed, "installed" and "install" are one term; exactly, only one document has each.
      expect(score(['installed'], 'installed')).toBeGreaterThan(0);
      expect(score(['installed'], 'install')).toBe(0);
      expect(score(['install'], 'install')).toBeGreaterThan(0);
      expect(score(['install'], 'installed')).toBe(0);
      expect(score(['how', 'do'], 'installed')).toBeGreaterThan(0);
      expect(score(['805'], 'code')).toBeGreaterThan(0);
    }
  });

  it('stays out of the per-field scoring, document frequencies and completions', () => {
    const index = indexOf(docs);
    index.compact();
    // "how" is a stop word: only the exact field holds it.
    expect(index.documentFrequency('how')).toBe(0);
    expect(index.accumulate([{ expansions: [{ term: 'how', weight: 1 }] }]).touched).toEqual([]);
    expect(index.termsWithPrefix('instal', 10)).not.toContain('installed');
    expect(index.termsNear('installes', 1).map((t) => t.term)).not.toContain('installed');
  });
});
