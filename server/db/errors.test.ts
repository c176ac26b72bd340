import { describe, expect, it } from 'vitest';
import { openPglite } from './database';
import { callersDataError } from './errors';

describe('callersDataError', () => {
  it('names the SQLSTATE of values the database refuses', async () => {
    const db = await openPglite();
    const refused = (sql: string, params: unknown[]) => db.query(sql, params).then(() => null, callersDataError);
    try {
      expect(await refused('select $1::text', ['a\u0000b'])).toBe('22021');
      expect(await refused('select $1::timestamptz', ['0000-01-01T00:00:00Z'])).toBe('22008');
      expect(await refused('select $1::int', [2 ** 31])).toBe('22003');
      await db.exec('create table t (id int primary key)');
      await db.query('insert into t values (1)');
      expect(await refused('insert into t values ($1)', [1])).toBe('23505');
      expect(await refused('select * from missing_table', [])).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('leaves errors that are not the database’s to the caller', () => {
    expect(callersDataError(new Error('boom'))).toBeNull();
    expect(callersDataError({ code: 'ECONNRESET' })).toBeNull();
    expect(callersDataError({ code: '23502' })).toBeNull();
  });
});
