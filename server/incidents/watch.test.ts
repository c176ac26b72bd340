import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult } from '../../lib/schema/api';
import type { Db, Queryable } from '../db/database';
import { DEMO_CLOCK } from '../seed/demo';
import { ENGINES, seededDb, type TestDb } from '../testing';
import { incidentsSettled, incidentsTracked, watchPush } from './watch';

const OUTAGE = [
  'No signal in Leeds',
  'Leeds: zero signal since lunch',
  'signal gone in Leeds?',
  'Is the network down in Leeds, no signal',
  'Leeds no signal at all',
];

/** A push's answer: one new case of team-care by its own customer, as push.ts hands it to the detector. */
function newCase(i: number): MutationResult[] {
  const record = { id: `case-leeds-${i}`, teamId: 'team-care', customerId: `cust-leeds-${i}`, subject: OUTAGE[i], version: 1, deleted: false };
  return [{ status: 'applied', mutationId: `m-leeds-${i}`, replayed: false, change: { entity: 'cases', seq: 1000 + i, record } } as unknown as MutationResult];
}

/** The database as the detector uses it, counting its transactions and its statements outside them. */
function counting(db: Db): Db & { transactions: number; statements: number } {
  const counted = {
    ...db,
    transactions: 0,
    statements: 0,
    query<T>(sql: string, params?: unknown[]) {
      counted.statements += 1;
      return db.query<T>(sql, params);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      counted.transactions += 1;
      return db.transaction(fn);
    },
  };
  return counted;
}

describe.each(ENGINES)('the incident detector on %s', (engine) => {
  let db: TestDb;
  /** One detector for the file's tests: the second grows the incident the first opened. */
  let watched: ReturnType<typeof counting>;
  beforeAll(async () => {
    db = await seededDb(engine);
    watched = counting(db);
  });
  afterAll(() => db?.close());

  it('takes the pushes committed while it is busy in one run: one look-up of words, one transaction for what it found', async () => {
    // Five pushes commit before the detector's next run begins (their answers went out meanwhile).
    for (const i of OUTAGE.keys()) void watchPush(watched, newCase(i), DEMO_CLOCK);
    await incidentsSettled(watched);
    const { rows } = await db.query<{ case_ids: string[]; contacts: number }>(`select case_ids, contacts from incidents where case_ids ? 'case-leeds-0'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.case_ids.sort()).toEqual(OUTAGE.map((_, i) => `case-leeds-${i}`));
    expect(rows[0]?.contacts).toBe(5);
    // One run: the team's priming (its history, then its customers' words), the five customers' words in one look-up,
    // and the incident opened at the fourth case and grown at the fifth stored once, as it stands after the run.
    expect(watched.statements).toBe(2 + 1);
    expect(watched.transactions).toBe(1);
  });

  it('grows a stored incident by the cases of later runs, each once, keeping one linked by hand', async () => {
    const more = ['Leeds still no signal', 'no signal Leeds since noon', 'Leeds signal dead'];
    const push = (i: number, subject: string) =>
      newCase(i).map((r) => {
        const change = (r as unknown as { change: { record: Record<string, unknown> } }).change;
        change.record = { ...change.record, subject };
        return r;
      });
    const { rows: before } = await db.query<{ id: string }>(`select id from incidents where case_ids ? 'case-leeds-0'`);
    await db.query(`update incidents set case_ids = case_ids || '["case-by-hand"]'::jsonb where id = $1`, [before[0]?.id]);
    // Each its own run: the second and third send only the cases the stored incident lacks.
    for (const [k, subject] of more.entries()) {
      void watchPush(watched, push(OUTAGE.length + k, subject), new Date(DEMO_CLOCK.getTime() + (k + 1) * 60_000));
      await incidentsSettled(watched);
    }
    const { rows } = await db.query<{ case_ids: string[]; contacts: number }>(`select case_ids, contacts from incidents where case_ids ? 'case-leeds-0'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.case_ids.sort()).toEqual(['case-by-hand', ...[...OUTAGE, ...more].map((_, i) => `case-leeds-${i}`)].sort());
    expect(rows[0]?.contacts).toBe(OUTAGE.length + more.length);
  });

  it('forgets what it counted for an incident once it has been quiet longer than quietMinutes (the count would grow forever)', async () => {
    expect(incidentsTracked(watched)).toBe(1);
    // Three hours on (quietMinutes 120 after the incident's last contact), one unrelated case: the next run prunes.
    const later = newCase(20).map((r) => {
      const change = (r as unknown as { change: { record: Record<string, unknown> } }).change;
      change.record = { ...change.record, id: 'case-later', subject: 'Invoice address typo' };
      return r;
    });
    void watchPush(watched, later, new Date(DEMO_CLOCK.getTime() + 3 * 3_600_000));
    await incidentsSettled(watched);
    expect(incidentsTracked(watched)).toBe(0);
  });
});
