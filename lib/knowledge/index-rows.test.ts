import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta, TandemDatabase } from '../db';
import { INDEX_META_KEY, INDEX_TAIL_META_KEY, readIndexRows } from './index-rows';
import { search } from './rank';
import { KnowledgeIndex, loadIndex, persistIndex, saveIndex } from './search-index';
import { article, HELP_CENTRE } from './test-fixtures';

/** The schema's newest version (Dexie knows it before opening): what the database is once Dexie has opened it. */
const declaredVersion = () => new TandemDatabase(`unopened-${crypto.randomUUID()}`).verno;

const ids = (index: KnowledgeIndex, text: string) => search(index, text).map((s) => `${s.kind}:${s.id}`);

describe("the persisted index's rows read without Dexie (a worker's start)", () => {
  const opened: TandemDatabase[] = [];
  const fresh = () => {
    const db = new TandemDatabase(`index-rows-${crypto.randomUUID()}`);
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.delete();
  });

  it('reads the full copy and its tail as Dexie stores them, and loadIndex restores the same index from them', async () => {
    const db = fresh();
    const index = KnowledgeIndex.build({ articles: HELP_CENTRE });
    await saveIndex(db, index);
    index.upsert({ articles: [article('password', { version: 2, title: 'Change your login code' })] });
    await persistIndex(db, index);

    const rows = await readIndexRows(indexedDB, db.name);
    expect(rows?.row).toEqual(await getMeta(db, INDEX_META_KEY));
    expect(rows?.tail).toEqual(await getMeta(db, INDEX_TAIL_META_KEY));
    const loaded = (await loadIndex(db, Promise.resolve(rows))) as KnowledgeIndex;
    expect(loaded.fingerprint()).toBe(index.fingerprint());
    expect(ids(loaded, 'login')).toEqual(['article:password']);
  });

  it('answers no rows for a cache without a saved index (loadIndex: none, so it is built)', async () => {
    const db = fresh();
    await db.open();
    const rows = await readIndexRows(indexedDB, db.name);
    expect(rows).toEqual({ row: undefined, tail: undefined });
    expect(await loadIndex(db, Promise.resolve(rows))).toBeNull();
  });

  it('does not create a database that does not exist: Dexie creates it with its schema afterwards', async () => {
    const name = `index-rows-${crypto.randomUUID()}`;
    expect(await readIndexRows(indexedDB, name)).toBeNull();
    expect(await Dexie.exists(name)).toBe(false);
    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(declaredVersion());
    expect(await db.meta.count()).toBe(0);
  });

  it('answers null without IndexedDB, and for a database without the meta table', async () => {
    expect(await readIndexRows(undefined)).toBeNull();
    const name = `other-${crypto.randomUUID()}`;
    const other = new Dexie(name);
    other.version(1).stores({ things: 'id' });
    await other.open();
    other.close();
    expect(await readIndexRows(indexedDB, name)).toBeNull();
    await other.delete();
  });

  it('lets a newer schema open over the database it reads (its connection is closed once read)', async () => {
    const name = `index-rows-${crypto.randomUUID()}`;
    const older = new Dexie(name);
    older.version(1).stores({ meta: 'key' });
    await older.open();
    await older.table('meta').put({ key: INDEX_META_KEY, value: { format: 'old' } });
    older.close();
    const reading = readIndexRows(indexedDB, name);
    const newer = new TandemDatabase(name);
    opened.push(newer);
    await newer.open();
    expect((await reading)?.row).toEqual({ format: 'old' });
    expect(newer.verno).toBe(declaredVersion());
  });
});
