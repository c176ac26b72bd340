// Erasure and export find a customer's interactions, cases, stored push answers and webhook deliveries through an index (migration 24),
// not a scan of every row: seconds per request at a million interactions (npm run bench:erasure measures it). The
// planner picks a scan on tables this small, so scans are switched off: what is left must be an index that serves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb, type TestDb } from '../testing';

const LOOKUPS = [
  `select id from interactions where data->>'customerId' = 'cust-1'`,
  `select id from cases where data->>'customerId' = 'cust-1'`,
  `select mutation_id from push_results where entity = 'interactions' and record_id = any(array['int-1', 'int-2'])`,
  `select id from webhook_deliveries where event = 'customer.changed' and record_id = any(array['cust-1'])`,
];

describe.each(ENGINES)('erasure lookups on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine, 'empty');
  }, 60_000);
  afterAll(() => db?.close());

  it.each(LOOKUPS)('are served by an index: %s', async (sql) => {
    await db.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      const plan = (await tx.query<{ 'QUERY PLAN': string }>(`explain ${sql}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index/);
      expect(plan).not.toMatch(/Seq Scan/);
    });
  });
});
