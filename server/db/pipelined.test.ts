import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, openTestDb, type TestDb } from '../testing';
import type { CommittingQueryable, Queryable } from './database';
import { CHANGES_CHANNEL, notifyChange } from './records';

const committing = (tx: Queryable) => ('queryThenCommit' in tx ? (tx as CommittingQueryable) : null);

describe.each(ENGINES)('a pipelined transaction on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine, 'empty');
    await db.exec('create table probe (id text primary key)');
  });
  afterAll(() => db?.close());
  const ids = async () => (await db.query<{ id: string }>('select id from probe order by id')).rows.map((r) => r.id);

  it('commits what it wrote, its last statement carrying the commit where the engine can (PostgreSQL)', async () => {
    const rows = await db.transaction(
      async (tx) => {
        await tx.query('insert into probe values ($1)', ['a']);
        const last = committing(tx);
        expect(last !== null).toBe(engine === 'postgres');
        const sql = 'insert into probe values ($1) returning id';
        return (last ? await last.queryThenCommit<{ id: string }>(sql, ['b']) : await tx.query<{ id: string }>(sql, ['b'])).rows;
      },
      { pipelined: true },
    );
    expect(rows).toEqual([{ id: 'b' }]);
    expect(await ids()).toEqual(['a', 'b']);
  });

  it('rolls back whole when its last statement fails, throwing that statement’s error, and the connection goes on', async () => {
    const failing = db.transaction(
      async (tx) => {
        await tx.query('insert into probe values ($1)', ['c']);
        const sql = 'insert into probe values ($1)';
        // 'a' is taken: the last statement fails, and the commit sent with it rolls the transaction back.
        await (committing(tx)?.queryThenCommit(sql, ['a']) ?? tx.query(sql, ['a']));
      },
      { pipelined: true },
    );
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect(await ids()).toEqual(['a', 'b']);
    // Each of the pool's pipelined connections is fine afterwards.
    for (const id of ['d', 'e', 'f', 'g', 'h']) await db.transaction((tx) => tx.query('insert into probe values ($1)', [id]), { pipelined: true });
    expect(await ids()).toEqual(['a', 'b', 'd', 'e', 'f', 'g', 'h']);
  });

  it('rolls back when fn throws, and refuses a statement after the commit was sent', async () => {
    await expect(
      db.transaction(
        async (tx) => {
          await tx.query('insert into probe values ($1)', ['x']);
          throw new Error('changed my mind');
        },
        { pipelined: true },
      ),
    ).rejects.toThrow('changed my mind');
    expect(await ids()).not.toContain('x');
    if (engine !== 'postgres') return;
    await expect(
      db.transaction(
        async (tx) => {
          await committing(tx)?.queryThenCommit('insert into probe values ($1)', ['y']);
          await tx.query('insert into probe values ($1)', ['z']);
        },
        { pipelined: true },
      ),
    ).rejects.toThrow(/transaction has ended/);
    // What was committed with the last statement stays; nothing ran after it.
    expect(await ids()).toContain('y');
    expect(await ids()).not.toContain('z');
  });

  it('commits a change notice sent as its last statement, with the commit, and delivers it (push’s notifyChange)', async () => {
    const heard: unknown[] = [];
    const unlisten = await db.listen(CHANGES_CHANNEL, (payload) => heard.push(JSON.parse(payload)));
    try {
      await db.transaction(
        async (tx) => {
          await tx.query('insert into probe values ($1)', ['n']);
          const last = committing(tx);
          await notifyChange(last ? { query: last.queryThenCommit.bind(last) } : tx, { seq: 7, teams: ['team-care'] });
        },
        { pipelined: true },
      );
      expect(await ids()).toContain('n');
      await vi.waitFor(() => expect(heard).toEqual([{ seq: 7, teams: ['team-care'] }]));
    } finally {
      await unlisten();
    }
  });
});
