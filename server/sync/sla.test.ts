import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../db/database';
import { openTestDb, type TestDb } from '../testing';
import { type BatchCache, startCaseSla } from './sla';

const BERLIN_OFFICE = {
  timeZone: 'Europe/Berlin',
  hours: { sun: [], mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [{ from: '09:00', to: '17:00' }], sat: [] },
  holidays: [],
};

describe('a push batch reads each team’s SLA rules once', () => {
  let db: TestDb;
  const reads: string[] = [];
  // The database as push's transaction sees it, noting which SLA tables each query reads.
  const counted = (): Queryable => ({
    query: (sql, params) => {
      for (const table of ['sla_policies', 'business_calendars']) if (sql.includes(`from ${table}`)) reads.push(table);
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
  });

  beforeAll(async () => {
    db = await openTestDb('pglite', 'empty');
    await db.query(`insert into teams (id, name) values ('team-care', 'Care')`);
    await db.query(
      `insert into sla_policies (team_id, channel_group, priority, first_response_minutes, next_response_minutes, resolution_minutes, updated_at)
       values ('team-care', 'live', 'normal', 90, null, 600, now())`,
    );
    await db.query(`insert into business_calendars (team_id, calendar, updated_at) values ('team-care', $1, now())`, [JSON.stringify(BERLIN_OFFICE)]);
  }, 60_000); // migrating PGlite takes a while on a loaded machine
  afterAll(() => db?.close());

  const newCase = () => ({ teamId: 'team-care', channel: 'chat', priority: 'normal', createdAt: '2026-11-20T18:00:00.000Z' });

  it('gives every case of a batch the team’s own target and calendar, read once', async () => {
    const cache: BatchCache = new Map();
    const cases = [newCase(), newCase(), newCase()];
    reads.length = 0;
    for (const record of cases) await startCaseSla(counted(), record, '2026-11-20T18:05:00.000Z', cache);
    expect(reads.sort()).toEqual(['business_calendars', 'sla_policies']);
    // Friday 19:00 in Berlin, 90 business minutes: Monday 10:30 in Berlin.
    for (const record of cases) expect((record as Record<string, unknown>).slaDueAt).toBe('2026-11-23T09:30:00.000Z');
  });

  it('reads again for the next batch, so a saved policy applies to the cases pushed after it', async () => {
    await db.query(`update sla_policies set first_response_minutes = 30 where team_id = 'team-care'`);
    const record: Record<string, unknown> = newCase();
    reads.length = 0;
    await startCaseSla(counted(), record, '2026-11-20T18:05:00.000Z', new Map());
    expect(reads.sort()).toEqual(['business_calendars', 'sla_policies']);
    expect(record.slaDueAt).toBe('2026-11-23T08:30:00.000Z');
  });
});
