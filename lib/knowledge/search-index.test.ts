import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CURSOR_KEY, getMeta, setMeta, TandemDatabase } from '../db';
import { search, suggestAnswer } from './rank';
import {
  INDEX_META_KEY,
  INDEX_TAIL_META_KEY,
  isIndexCurrent,
  KnowledgeIndex,
  loadIndex,
  persistIndex,
  refreshIndex,
  type SerializedKnowledgeIndex,
  saveIndex,
  splitCategory,
} from './search-index';
import { article, HELP_CENTRE, snippet } from './test-fixtures';
import { processTerm } from './text';

const ids = (index: KnowledgeIndex, text: string) => search(index, text).map((s) => `${s.kind}:${s.id}`);

describe('KnowledgeIndex', () => {
  it('indexes only published, non-deleted articles and snippets', () => {
    const index = KnowledgeIndex.build({
      articles: [
        article('a1', { title: 'Refund policy' }),
        article('a2', { title: 'Refund draft', status: 'draft' }),
        article('a3', { title: 'Refund old', deleted: true }),
      ],
      snippets: [
        snippet('refund', { title: 'Refund apology', body: 'Sorry {{customer.firstName}}, your refund is on its way.' }),
        snippet('arch', { title: 'Refund archived', status: 'archived' }),
      ],
    });
    expect(index.size).toBe(2);
    expect(ids(index, 'refund').sort()).toEqual(['article:a1', 'snippet:refund']);
  });

  it('upserts new versions, drops unpublished and deleted records, and ignores stale versions', () => {
    const index = KnowledgeIndex.build({ articles: [article('a1', { title: 'Shipping delays' })] });
    index.upsert({ articles: [article('a1', { version: 2, title: 'Parcel tracking' })] });
    expect(ids(index, 'shipping')).toEqual([]);
    expect(ids(index, 'parcel')).toEqual(['article:a1']);

    const stale = index.upsert({ articles: [article('a1', { version: 1, title: 'Shipping delays' })] });
    expect(stale.skipped).toBe(1);
    expect(ids(index, 'parcel')).toEqual(['article:a1']);

    index.upsert({ articles: [article('a1', { version: 3, title: 'Parcel tracking', status: 'archived' })] });
    expect(ids(index, 'parcel')).toEqual([]);
    expect(index.versionOf('article', 'a1')).toBe(3);

    index.upsert({ articles: [article('a1', { version: 4, title: 'Parcel tracking' })] });
    expect(ids(index, 'parcel')).toEqual(['article:a1']);
    index.upsert({ articles: [article('a1', { version: 5, title: 'Parcel tracking', deleted: true })] });
    expect(index.size).toBe(0);
  });

  it('removes by id, for one kind or both', () => {
    const index = KnowledgeIndex.build({ articles: [article('x', { title: 'Invoice copy' })], snippets: [snippet('x', { title: 'Invoice reply' })] });
    expect(index.remove(['x'], 'snippet')).toBe(1);
    expect(ids(index, 'invoice')).toEqual(['article:x']);
    expect(index.remove(['x', 'unknown'])).toBe(1);
    expect(index.size).toBe(0);
  });

  it('applies a pulled page of changes, ignoring other entities', () => {
    const index = KnowledgeIndex.empty();
    index.applyChanges([
      { entity: 'articles', seq: 1, record: article('a', { title: 'Gift cards' }) },
      { entity: 'snippets', seq: 2, record: snippet('gift', { title: 'Gift card balance' }) },
    ]);
    expect(ids(index, 'gift').sort()).toEqual(['article:a', 'snippet:gift']);
  });

  it('ranks the same after a first sync in many pages as after one page (the index built from the first page, then fed the rest)', () => {
    // Short articles arrive first, long ones later: the fields' average lengths move a lot between pages.
    const words = 'plan allowance network signal handset contract upgrade data minutes texts'.split(' ');
    const articles = Array.from({ length: 240 }, (_, n) =>
      article(`a${n}`, {
        title: `${n % 3 === 0 ? 'Refund' : 'Bill'} question ${words[n % words.length]}`,
        body: n < 60 ? 'Refund on the bill.' : `${Array.from({ length: 20 + (n % 40) }, (_, w) => words[(n + w) % words.length]).join(' ')} refund bill`,
      }),
    );
    const changes = articles.map((record, n) => ({ entity: 'articles' as const, seq: n + 1, record }));
    const page = 60;
    const paged = KnowledgeIndex.build({ articles: articles.slice(0, page) });
    for (let from = page; from < changes.length; from += page) paged.applyChanges(changes.slice(from, from + page), from + page);
    const atOnce = KnowledgeIndex.build({ articles });
    const ranked = (index: KnowledgeIndex) => search(index, 'refund on my bill', { limit: 20 }).map((s) => ({ id: s.id, score: s.score }));
    const expected = ranked(atOnce);
    const got = ranked(paged);
    expect(got.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    for (const [i, s] of got.entries()) expect(s.score).toBeCloseTo(expected[i]?.score ?? 0, 1);
  });

  it('answers the same after the same versions arrive again (the server re-sends an article when its vector is added)', () => {
    const index = KnowledgeIndex.build({ articles: HELP_CENTRE });
    const context = { subject: 'I want a refund for my order', conversation: 'How do I request a refund?' };
    const opts = { site: 'zendesk' };
    const before = suggestAnswer(index, context, opts);
    const dfBefore = index.documentFrequency('refund');
    // Three re-sends of every article at its own version: each replaces the indexed document.
    for (let round = 1; round <= 3; round++) {
      index.applyChanges(
        HELP_CENTRE.map((record, n) => ({ entity: 'articles' as const, seq: round * 100 + n, record })),
        round * 100 + 99,
      );
    }
    expect(index.documentFrequency('refund')).toBe(dfBefore);
    const after = suggestAnswer(index, context, opts);
    expect(after.suggestions.map((s) => s.id)).toEqual(before.suggestions.map((s) => s.id));
    expect(after.quiet).toBe(before.quiet);
    expect(after.answerability).toBeCloseTo(before.answerability, 6);
  });

  it('survives a structured-clone round trip (what IndexedDB does) with the same results, then keeps updating', () => {
    const index = KnowledgeIndex.build({ articles: HELP_CENTRE, snippets: [snippet('pw', { title: 'Password reset steps' })] });
    const restored = KnowledgeIndex.restore(structuredClone(index.serialize()));
    expect(restored.size).toBe(index.size);
    expect(restored.fingerprint()).toBe(index.fingerprint());
    expect(ids(restored, 'password reset')).toEqual(ids(index, 'password reset'));
    restored.upsert({ articles: [article('password', { version: 2, title: 'Change your login code' })] });
    expect(ids(restored, 'login')).toEqual(['article:password']);
  });

  it('reports document frequencies, counting each document once', () => {
    const index = KnowledgeIndex.build({
      articles: [article('1', { title: 'Refund order' }), article('2', { title: 'Refund policy', body: 'refund refund' }), article('3', { title: 'Shipping' })],
    });
    expect(index.documentFrequency('refund')).toBe(2);
    expect(index.documentFrequency(processTerm('Shipping') ?? '')).toBe(1);
    expect(index.documentFrequency('absent')).toBe(0);
  });

  it('refuses a serialized index of another format', () => {
    const serialized = { ...KnowledgeIndex.build({ articles: HELP_CENTRE }).serialize(), format: 'tandem-knowledge/0' };
    expect(() => KnowledgeIndex.restore(serialized)).toThrow(/format/);
  });

  it('reconciles with a full record set: adds, updates and drops', () => {
    const index = KnowledgeIndex.build({
      articles: [article('keep', { title: 'Keep me' }), article('gone', { title: 'Gone soon' }), article('edit', { title: 'Old title' })],
    });
    const before = index.fingerprint();
    const count = index.reconcile({
      articles: [article('keep', { title: 'Keep me' }), article('edit', { version: 2, title: 'New title' }), article('added', { title: 'Added later' })],
    });
    expect(count).toMatchObject({ indexed: 2, removed: 1 });
    expect(index.fingerprint()).not.toBe(before);
    expect(ids(index, 'gone')).toEqual([]);
    expect(ids(index, 'title')).toEqual(['article:edit']);
    expect(ids(index, 'added')).toEqual(['article:added']);
  });
});

describe('persistence in the meta table', () => {
  let db: TandemDatabase;
  afterEach(async () => {
    await db.delete();
  });

  it('saves and loads the index; a missing or old-format index loads as null', async () => {
    db = new TandemDatabase(`knowledge-${Math.random()}`);
    expect(await loadIndex(db)).toBeNull();
    const index = KnowledgeIndex.build({ articles: HELP_CENTRE });
    await saveIndex(db, index);
    const loaded = await loadIndex(db);
    expect(loaded?.fingerprint()).toBe(index.fingerprint());
    expect(loaded && ids(loaded, 'refund')).toEqual(ids(index, 'refund'));

    const row = await getMeta<Record<string, unknown>>(db, INDEX_META_KEY);
    await setMeta(db, INDEX_META_KEY, { ...row, format: 'tandem-knowledge/0' });
    expect(await loadIndex(db)).toBeNull();
  });

  it('rebuilds an index stored by the previous version (exact words as postings) instead of loading it', async () => {
    db = new TandemDatabase(`knowledge-${Math.random()}`);
    await db.articles.bulkPut(HELP_CENTRE);
    const index = KnowledgeIndex.build({ articles: HELP_CENTRE });
    await saveIndex(db, index);
    const row = await getMeta<{ format: string; index: SerializedKnowledgeIndex }>(db, INDEX_META_KEY);
    if (!row) throw new Error('not saved');
    // What format 7 stored: the exact words in the postings' dictionary, no per-document word lists.
    const { exact: _, ...previous } = row.index.postings;
    const v7 =
      'tandem-knowledge/7;postings-2;items=display+verify;bm25f k1=1.2 b=0.75;fields=title:2,summary:1.5,body:1,tagText:1.5,shortcut:2,category:0.25,alsoAnswers:2,exact;avgdl=per-field-docs;text=porter2+exact-words';
    await setMeta(db, INDEX_META_KEY, { ...row, format: v7, index: { ...row.index, format: v7, postings: previous } });
    expect(await loadIndex(db)).toBeNull();
    // Its arrays under the current format string are refused too (restore checks them), not read without exact words.
    await setMeta(db, INDEX_META_KEY, { ...row, index: { ...row.index, postings: previous } });
    expect(await loadIndex(db)).toBeNull();
    const { index: rebuilt, rebuilt: wasRebuilt } = await refreshIndex(db, await loadIndex(db));
    expect(wasRebuilt).toBe(true);
    const slot = rebuilt.postings.slotOfKey('article:refund-en') as number;
    expect(rebuilt.postings.exactWordScores(['refund'], [slot])[0]).toBeGreaterThan(0);
    expect((await loadIndex(db))?.fingerprint()).toBe(rebuilt.fingerprint());
  });

  it('builds from the database when nothing is persisted, and a stale persisted index is reconciled', async () => {
    db = new TandemDatabase(`knowledge-${Math.random()}`);
    await db.articles.bulkPut(HELP_CENTRE);
    expect(await loadIndex(db)).toBeNull();
    const first = (await refreshIndex(db, null)).index;
    expect(first.size).toBe(HELP_CENTRE.length);

    // The worker applied a change to Dexie and stopped before saving the index.
    await db.articles.put(article('warranty', { title: 'Warranty claims' }));
    await db.articles.delete('password');
    const stale = await loadIndex(db);
    expect(stale && ids(stale, 'warranty')).toEqual([]);
    const { index, changed } = await refreshIndex(db, stale);
    expect(changed).toBe(true);
    expect(ids(index, 'warranty')).toEqual(['article:warranty']);
    expect(ids(index, 'password')).toEqual([]);
    expect((await loadIndex(db))?.fingerprint()).toBe(index.fingerprint());
  });

  it('remembers up to which sync cursor it is complete, so a waking worker skips re-reading every article', async () => {
    db = new TandemDatabase(`knowledge-${Math.random()}`);
    await db.articles.bulkPut(HELP_CENTRE);
    await setMeta(db, CURSOR_KEY, 40);
    const built = (await refreshIndex(db, null)).index;
    expect(built.syncCursor).toBe(40);
    expect(isIndexCurrent((await loadIndex(db)) as KnowledgeIndex, 40)).toBe(true);

    // A page that changed no article moves the cursor: the small tail row says so.
    built.applyChanges([], 45);
    await persistIndex(db, built);
    expect((await loadIndex(db))?.syncCursor).toBe(45);

    // Until it is persisted, a pulled article leaves the saved state behind the cursor.
    built.applyChanges([{ entity: 'articles', seq: 46, record: article('warranty', { title: 'Warranty claims' }) }], 46);
    expect(isIndexCurrent((await loadIndex(db)) as KnowledgeIndex, 46)).toBe(false);
    await persistIndex(db, built);
    const loaded = (await loadIndex(db)) as KnowledgeIndex;
    expect(isIndexCurrent(loaded, 46)).toBe(true);
    expect(ids(loaded, 'warranty')).toEqual(['article:warranty']);
    expect(loaded.fingerprint()).toBe(built.fingerprint());
  });

  it('persists a few changed records as a tail row, and the whole index once the tail grows long', async () => {
    db = new TandemDatabase(`knowledge-${Math.random()}`);
    const index = KnowledgeIndex.build({ articles: HELP_CENTRE });
    await saveIndex(db, index);
    const full = await getMeta<{ saveId: string }>(db, INDEX_META_KEY);

    index.upsert({ articles: [article('password', { version: 2, title: 'Change your login code' })] });
    await persistIndex(db, index);
    // The full copy is untouched; the tail carries the one record.
    expect((await getMeta<{ saveId: string }>(db, INDEX_META_KEY))?.saveId).toBe(full?.saveId);
    expect((await getMeta<{ articles: unknown[] }>(db, INDEX_TAIL_META_KEY))?.articles).toHaveLength(1);
    const loaded = (await loadIndex(db)) as KnowledgeIndex;
    expect(ids(loaded, 'login')).toEqual(['article:password']);
    expect(loaded.fingerprint()).toBe(index.fingerprint());

    index.upsert({ articles: Array.from({ length: 201 }, (_, i) => article(`bulk-${i}`, { title: `Bulk article ${i}` })) });
    expect(index.needsFullSave).toBe(true);
    await persistIndex(db, index);
    expect((await getMeta<{ saveId: string }>(db, INDEX_META_KEY))?.saveId).not.toBe(full?.saveId);
    expect((await getMeta<{ articles: unknown[] }>(db, INDEX_TAIL_META_KEY))?.articles).toHaveLength(0);
    expect((await loadIndex(db))?.size).toBe(index.size);
  });

  it('ignores a tail left by an older full copy', async () => {
    db = new TandemDatabase(`knowledge-${Math.random()}`);
    const index = KnowledgeIndex.build({ articles: HELP_CENTRE });
    index.syncCursor = 10;
    await saveIndex(db, index);
    index.applyChanges([{ entity: 'articles', seq: 20, record: article('warranty', { title: 'Warranty claims' }) }], 20);
    await persistIndex(db, index);
    const tail = await getMeta(db, INDEX_TAIL_META_KEY);
    await saveIndex(db, KnowledgeIndex.build({ articles: HELP_CENTRE }));
    await setMeta(db, INDEX_TAIL_META_KEY, tail);
    const loaded = (await loadIndex(db)) as KnowledgeIndex;
    expect(loaded.syncCursor).toBe(0);
    expect(ids(loaded, 'warranty')).toEqual([]);
  });
});

describe('splitCategory', () => {
  it('separates a short leading category from the title, and leaves other titles whole', () => {
    expect(splitCategory('IBM Security Bulletin: Vulnerability in IBM Java')).toEqual({
      category: 'IBM Security Bulletin',
      title: 'Vulnerability in IBM Java',
    });
    expect(splitCategory('Billing - Refund a duplicate charge')).toEqual({ category: 'Billing', title: 'Refund a duplicate charge' });
    expect(splitCategory('How to reset your password')).toEqual({ category: '', title: 'How to reset your password' });
    expect(splitCategory('Error SQL0805N: package not found when the plan was bound on another server')).toEqual({
      category: 'Error SQL0805N',
      title: 'package not found when the plan was bound on another server',
    });
    expect(splitCategory('Why does the installer of this product stop at step 3: a long question')).toEqual({
      category: '',
      title: 'Why does the installer of this product stop at step 3: a long question',
    });
  });
});
