import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Change, Interaction } from '../schema';
import { FOLD_DELAY_MS, foldLinks } from './block-links';
import { INTERACTION_LINKS, TandemDatabase } from './database';
import {
  allInteractions,
  applyChanges,
  applyPulledPage,
  BLOCK_SIZE,
  countRecords,
  interactionById,
  interactionsForCases,
  interactionTables,
  modifyInteractions,
  pulledOnlyTables,
  restartChangeFeed,
  timelineForCustomer,
  trimOldestInteractions,
  writeLocal,
} from './index';
import { interaction, useTestDatabase } from './test-fixtures';

const db = useTestDatabase();

/** An interaction on the given day of November 2026. */
function onDay(id: string, day: number): Interaction {
  return interaction(id, 'c1', { occurredAt: new Date(Date.UTC(2026, 10, day)).toISOString() });
}

describe('trimOldestInteractions (storage pressure)', () => {
  it('drops the oldest cached history first and never what the outbox still holds', async () => {
    await applyChanges(
      db(),
      Array.from({ length: 10 }, (_, i) => ({ entity: 'interactions' as const, seq: i + 1, record: onDay(`old-${i}`, i + 1) })),
    );
    // The agent's own unsynced note, written long ago (oldest of all), must survive.
    await writeLocal(db(), [{ entity: 'interactions', op: 'create', record: { ...onDay('mine', 0), version: 0 } }]);
    const dropped = await trimOldestInteractions(db(), 0.3);
    expect(dropped).toBe(3);
    const left = (await allInteractions(db())).map((i) => i.id).sort();
    expect(left).toContain('mine');
    expect(left).not.toContain('old-0');
    expect(left).not.toContain('old-2');
    expect(left).toContain('old-3');
    expect(await db().outbox.count()).toBe(1);
  });
});

/** A first sync's page of `count` interactions from seq `from` on: three customers, every fourth under case k-0 or k-1 in turn. */
function bulkPage(from: number, count: number): Change[] {
  return Array.from({ length: count }, (_, i) => ({
    entity: 'interactions' as const,
    seq: from + i,
    record: interaction(`b-${from + i}`, `c-${i % 3}`, {
      caseId: i % 4 === 0 ? `k-${(i / 4) % 2}` : null,
      occurredAt: new Date(Date.UTC(2026, 10, 1, 0, from + i)).toISOString(),
    }),
  }));
}

const FIRST_SYNC = new Set(['interactions'] as const);
/** Every block as stored, as text: what a look at the database on disk would find. */
const blocksOnDisk = async () => JSON.stringify(await db().interactionBlocks.toArray());

describe('interaction blocks (a first sync writes many interactions to a row)', () => {
  it('stores a large pulled page in blocks, and every read finds its interactions as rows would be found', async () => {
    await applyPulledPage(db(), bulkPage(1, 120), 120, FIRST_SYNC);
    expect(await db().interactions.count()).toBe(0);
    expect(await db().interactionBlocks.count()).toBe(Math.ceil(120 / BLOCK_SIZE));
    expect(await allInteractions(db())).toHaveLength(120);
    expect((await countRecords(db())).interactions).toBe(120);
    const jane = await timelineForCustomer(db(), 'c-0', 5);
    expect(jane.map((i) => i.id)).toEqual(['b-118', 'b-115', 'b-112', 'b-109', 'b-106']);
    const caseIds = (await interactionsForCases(db(), ['k-0'])).map((i) => i.id);
    expect(caseIds).toHaveLength(15);
    expect(caseIds.every((id) => (Number(id.slice(2)) - 1) % 8 === 0)).toBe(true);
    // The 30 interactions filed under a case share one block: the queue's read of open cases loads that block only.
    const read = vi.spyOn(db().interactionBlocks, 'bulkGet');
    expect((await interactionsForCases(db(), ['k-0', 'k-1'])).length).toBe(30);
    expect(read.mock.calls.map(([keys]) => keys.length)).toEqual([1]);
    read.mockRestore();
    // No index finds them (Dexie 12): the directory lists each interaction's customer and case.
    expect(Object.keys(db().interactionBlocks.schema.idxByName)).toEqual([]);
    expect((await interactionById(db(), 'b-77'))?.text).toBe('Message b-77');
    // A small page (a live change) goes to rows; reads merge both tables.
    await applyPulledPage(
      db(),
      [{ entity: 'interactions', seq: 121, record: interaction('r-1', 'c-0', { occurredAt: '2026-12-01T00:00:00.000Z' }) }],
      121,
      FIRST_SYNC,
    );
    expect(await db().interactions.count()).toBe(1);
    expect((await timelineForCustomer(db(), 'c-0', 2)).map((i) => i.id)).toEqual(['r-1', 'b-118']);
  });

  it('keeps one copy of an interaction: a newer version from a later page, bulk or not, replaces the block copy; an older one is ignored', async () => {
    await applyPulledPage(db(), bulkPage(1, 120), 120, FIRST_SYNC);
    const edited = (id: string, version: number, text: string): Change => ({
      entity: 'interactions',
      seq: 200 + version,
      record: { ...(bulkPage(Number(id.slice(2)), 1)[0]!.record as Interaction), id, version, text },
    });
    await applyChanges(db(), [edited('b-5', 3, 'Edited once')]);
    await applyChanges(db(), [edited('b-5', 2, 'A stale replay')]);
    expect((await interactionById(db(), 'b-5'))?.text).toBe('Edited once');
    expect(await blocksOnDisk()).not.toContain('"b-5"');
    // A later bulk page of the same pass brings a newer version of a block's interaction: the older block loses it.
    await applyPulledPage(db(), [edited('b-6', 2, 'Edited in bulk'), ...bulkPage(300, 110)], 410, FIRST_SYNC);
    expect((await allInteractions(db())).filter((i) => i.id === 'b-6').map((i) => i.text)).toEqual(['Edited in bulk']);
    expect(await allInteractions(db())).toHaveLength(230);
    // Replaying the page already stored changes nothing.
    await applyPulledPage(db(), [edited('b-6', 2, 'Edited in bulk'), ...bulkPage(300, 110)], 410, FIRST_SYNC);
    expect(await allInteractions(db())).toHaveLength(230);
    expect((await countRecords(db())).interactions).toBe(230);
  });

  it('keeps one copy of a record a first sync brings twice (changed mid-sync), in this worker and in a restarted one', async () => {
    const edited = (n: number, version: number, text: string, seq: number, deleted = false): Change => ({
      entity: 'interactions',
      seq,
      record: { ...(bulkPage(n, 1)[0]!.record as Interaction), version, text, deleted },
    });
    await applyPulledPage(db(), bulkPage(1, 120), 120, FIRST_SYNC);
    // A later page of the same pass: b-6 changed after page one was pulled; b-130 comes, then is deleted, in this page.
    const page2 = [edited(6, 2, 'Changed mid-sync', 121), ...bulkPage(122, 110), edited(130, 2, '', 232, true)];
    await applyPulledPage(db(), page2, 232, FIRST_SYNC);
    expect((await allInteractions(db())).filter((i) => i.id === 'b-6').map((i) => i.text)).toEqual(['Changed mid-sync']);
    expect(await interactionById(db(), 'b-130')).toBeUndefined();
    expect(await blocksOnDisk()).not.toContain('"b-130"');
    expect(await blocksOnDisk()).not.toContain('Message b-6"');
    expect((await countRecords(db())).interactions).toBe(229);
    // The worker is killed and a new one resumes the pass over the same database: it knows nothing in memory.
    const resumed = new TandemDatabase(db().name);
    try {
      expect(await pulledOnlyTables(resumed)).toContain('interactions');
      await applyPulledPage(resumed, [edited(7, 2, 'Changed again in bulk', 233), ...bulkPage(234, 110)], 343, FIRST_SYNC);
      await applyPulledPage(resumed, [edited(8, 2, 'Changed in a small page', 344), edited(6, 3, 'Changed twice', 345)], 345, FIRST_SYNC);
      const all = await allInteractions(resumed);
      expect(all).toHaveLength(339);
      expect(new Set(all.map((i) => i.id)).size).toBe(339);
      expect(
        all
          .filter((i) => ['b-6', 'b-7', 'b-8'].includes(i.id))
          .map((i) => i.text)
          .sort(),
      ).toEqual(['Changed again in bulk', 'Changed in a small page', 'Changed twice']);
      const stored = JSON.stringify(await resumed.interactionBlocks.toArray()) + JSON.stringify(await resumed.interactions.toArray());
      expect(stored).not.toMatch(/Message b-[678]"|Changed mid-sync/);
      expect((await countRecords(resumed)).interactions).toBe(339);
    } finally {
      resumed.close();
    }
  });

  it('finds a block written after a write that looked blocks up and then failed (its directory row is gone, its key used again)', async () => {
    await expect(
      db().transaction('rw', [...interactionTables(db()), db().meta, db().outbox], async () => {
        await applyPulledPage(db(), bulkPage(1, 120), 120, FIRST_SYNC);
        expect((await interactionById(db(), 'b-5'))?.id).toBe('b-5');
        throw new Error('quota exceeded');
      }),
    ).rejects.toThrow('quota exceeded');
    expect(await db().interactionDirectory.count()).toBe(0);
    await applyPulledPage(db(), bulkPage(200, 120), 319, FIRST_SYNC);
    expect((await interactionById(db(), 'b-250'))?.id).toBe('b-250');
    await applyChanges(db(), [{ entity: 'interactions', seq: 320, record: { ...interaction('b-250', 'c-1'), version: 2, text: 'Newer' } }]);
    expect((await allInteractions(db())).filter((i) => i.id === 'b-250').map((i) => i.text)).toEqual(['Newer']);
    expect(await blocksOnDisk()).not.toContain('"b-250"');
  });

  it('removes the text of deleted, revoked and erased interactions from their blocks', async () => {
    const page = bulkPage(1, 120);
    for (const n of [3, 40, 90]) (page[n - 1]!.record as Interaction).text = `Secret ${n}: my card is 4111`;
    await applyPulledPage(db(), page, 120, FIRST_SYNC);
    expect(await blocksOnDisk()).toContain('Secret 40');
    const base = (n: number) => page[n - 1]!.record as Interaction;
    await applyChanges(db(), [
      { entity: 'interactions', seq: 121, record: { ...base(3), version: 2, deleted: true } },
      { entity: 'interactions', seq: 122, record: { ...base(40), version: 2, text: '[erased]' } },
      { entity: 'interactions', seq: 123, record: { ...base(90), version: 2, text: '' }, revoked: true },
    ]);
    expect(await blocksOnDisk()).not.toMatch(/Secret|4111/);
    expect(JSON.stringify(await db().interactions.toArray())).not.toMatch(/Secret|4111/);
    expect(await interactionById(db(), 'b-3')).toBeUndefined();
    expect(await interactionById(db(), 'b-90')).toBeUndefined();
    expect((await interactionById(db(), 'b-40'))?.text).toBe('[erased]');
    expect(await allInteractions(db())).toHaveLength(118);
    expect((await countRecords(db())).interactions).toBe(118);
  });

  it("moves an interaction the agent edits out of its block, and follows a push's answer that repoints a customer", async () => {
    await applyPulledPage(db(), bulkPage(1, 120), 120, FIRST_SYNC);
    await writeLocal(db(), [{ entity: 'interactions', op: 'update', recordId: 'b-10', patch: { text: 'Corrected by the agent' } }]);
    expect((await db().interactions.get('b-10'))?.text).toBe('Corrected by the agent');
    expect(await blocksOnDisk()).not.toContain('"b-10"');
    expect((await db().outbox.toArray())[0]).toMatchObject({ recordId: 'b-10', baseVersion: 1 });
    await db().transaction('rw', [...interactionTables(db()), db().meta], async () => {
      await modifyInteractions(db(), { customerId: 'c-1' }, { customerId: 'c-9' });
    });
    expect(await timelineForCustomer(db(), 'c-1')).toEqual([]);
    expect(await timelineForCustomer(db(), 'c-9')).toHaveLength(40);
    expect(await allInteractions(db())).toHaveLength(120);
  });

  it("finds a customer's and a case's interactions in a restarted worker, and not after the server moves one to another customer", async () => {
    await applyPulledPage(db(), bulkPage(1, 120), 120, FIRST_SYNC);
    await applyPulledPage(db(), bulkPage(121, 120), 240, FIRST_SYNC);
    // Moved on the server: b-9 (customer c-2, case k-0, as bulkPage files it) now belongs to c-7 and case k-5.
    const moved = { ...(bulkPage(1, 9)[8]!.record as Interaction), customerId: 'c-7', caseId: 'k-5', version: 2 };
    await applyChanges(db(), [{ entity: 'interactions', seq: 241, record: moved }]);
    const resumed = new TandemDatabase(db().name);
    try {
      const ids = (list: Interaction[]) => list.map((i) => i.id).sort();
      const expected = (kept: (n: number) => boolean) =>
        Array.from({ length: 240 }, (_, i) => i + 1)
          .filter((n) => n !== 9 && kept(n))
          .map((n) => `b-${n}`)
          .sort();
      expect(ids(await timelineForCustomer(resumed, 'c-2', 500))).toEqual(expected((n) => (n - 1) % 3 === 2));
      expect(ids(await timelineForCustomer(resumed, 'c-7'))).toEqual(['b-9']);
      expect(ids(await interactionsForCases(resumed, ['k-5', 'k-9']))).toEqual(['b-9']);
      expect(ids(await interactionsForCases(resumed, ['k-0']))).toEqual(expected((n) => (n - 1) % 8 === 0));
      expect(await timelineForCustomer(resumed, 'c-nobody')).toEqual([]);
    } finally {
      resumed.close();
    }
  });

  it('folds the link rows into one once writes pause, without the blocks gone; readers before and after the fold find everything', async () => {
    const links = { table: (d: TandemDatabase) => d.interactionLinks, blocks: (d: TandemDatabase) => d.interactionBlocks, of: INTERACTION_LINKS };
    for (let page = 0; page < 3; page++) await applyPulledPage(db(), bulkPage(1 + page * 120, 120), 120 * (page + 1), FIRST_SYNC);
    expect(await db().interactionLinks.count()).toBe(3);
    expect(await timelineForCustomer(db(), 'c-1', 500)).toHaveLength(120);
    // Every interaction of the first block (page one's 30 under a case) is deleted: the block goes, the fold forgets it.
    const first = (await db().interactionBlocks.get(1))!.records;
    await applyChanges(
      db(),
      first.map((r, i) => ({ entity: 'interactions' as const, seq: 400 + i, record: { ...r, version: 2, deleted: true } })),
    );
    expect(await db().interactionBlocks.get(1)).toBeUndefined();
    const gone = (customerId: string) => first.filter((r) => r.customerId === customerId).length;
    expect(await foldLinks(db(), links)).toBe(3);
    const [folded, ...more] = await db().interactionLinks.toArray();
    expect(more).toEqual([]);
    expect(folded?.folds).toBeGreaterThanOrEqual(3);
    expect([...(folded?.links.customer?.blocks ?? [])]).not.toContain(1);
    expect(new Set(folded?.links.customer?.blocks).size).toBe(await db().interactionBlocks.count());
    // This worker (it read the three rows) and a new one (it reads the fold) find the same interactions.
    const resumed = new TandemDatabase(db().name);
    try {
      for (const reader of [db(), resumed]) {
        expect(await timelineForCustomer(reader, 'c-1', 500)).toHaveLength(120 - gone('c-1'));
        expect(await interactionsForCases(reader, ['k-1'])).toHaveLength(45 - first.filter((r) => r.caseId === 'k-1').length);
      }
      // A write after the fold adds a row; the fold comes by itself once writes pause.
      await applyPulledPage(resumed, bulkPage(361, 120), 480, FIRST_SYNC);
      expect(await resumed.interactionLinks.count()).toBe(2);
      await new Promise((r) => setTimeout(r, FOLD_DELAY_MS + 300));
      expect(await resumed.interactionLinks.count()).toBe(1);
      expect(await timelineForCustomer(resumed, 'c-1', 500)).toHaveLength(160 - gone('c-1'));
      expect(await timelineForCustomer(db(), 'c-1', 500)).toHaveLength(160 - gone('c-1'));
    } finally {
      resumed.close();
    }
  });

  it('trims the oldest interactions out of blocks too, and a restarted feed drops blocks but keeps queued work', async () => {
    await applyPulledPage(db(), bulkPage(1, 120), 120, FIRST_SYNC);
    await writeLocal(db(), [{ entity: 'interactions', op: 'update', recordId: 'b-1', patch: { text: 'Queued edit' } }]);
    expect(await trimOldestInteractions(db(), 0.5)).toBe(60);
    const left = (await allInteractions(db())).map((i) => i.id);
    expect(left).toHaveLength(60);
    expect((await countRecords(db())).interactions).toBe(60);
    expect(left).toContain('b-1');
    expect(left).not.toContain('b-2');
    expect(left).toContain('b-120');
    expect(await pulledOnlyTables(db())).not.toContain('interactions');
    await restartChangeFeed(db());
    expect((await allInteractions(db())).map((i) => i.text)).toEqual(['Queued edit']);
    expect(await db().interactionBlocks.count()).toBe(0);
    expect((await countRecords(db())).interactions).toBe(1);
  });
});
