import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, openTestDb, type TestDb } from '../testing';
import type { Queryable } from './database';
import { CHANGES_CHANNEL, ChangeNotice, lockChanges, notifyNewSeq } from './records';

describe.each(ENGINES)('notifyNewSeq on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine, 'empty');
  });
  afterAll(() => db?.close());

  it('draws one seq and notifies the teams of it when the transaction commits, in the shape the live hub parses', async () => {
    const heard: ChangeNotice[] = [];
    const unlisten = await db.listen(CHANGES_CHANNEL, (payload) => heard.push(ChangeNotice.parse(JSON.parse(payload))));
    const wake = (teams: ChangeNotice['teams']) => async (tx: Queryable) => {
      await lockChanges(tx);
      return notifyNewSeq(tx, teams);
    };
    try {
      const undone = db.transaction(async (tx) => {
        await wake(['team-gone'])(tx);
        throw new Error('undo');
      });
      await expect(undone).rejects.toThrow('undo');
      const forTeam = await db.transaction(wake(['team-care']));
      const forAll = await db.transaction(wake('all'));
      // Each drew exactly one seq: the rolled-back one too (sequences do not roll back), then these two.
      const { rows } = await db.query<{ seq: string }>('select last_value::text as seq from change_seq');
      expect([forTeam, forAll]).toEqual([Number(rows[0]?.seq) - 1, Number(rows[0]?.seq)]);
      // The rolled-back transaction's notice was never sent.
      await vi.waitFor(() =>
        expect(heard).toEqual([
          { seq: forTeam, teams: ['team-care'] },
          { seq: forAll, teams: 'all' },
        ]),
      );
    } finally {
      await unlisten();
    }
  });
});
