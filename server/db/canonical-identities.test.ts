import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, interaction, kase } from '../../lib/db/test-fixtures';
import type { Customer } from '../../lib/schema/entities';
import { ENGINES, openTestDb, type TestDb } from '../testing';
import { migrate } from './migrations';
import { writeRecords } from './records';

describe.each(ENGINES)('the canonical identities migration on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine, 'empty');
  });
  afterAll(() => db.close());

  async function stored(): Promise<Map<string, { seq: number; data: Customer; fieldVersions: Record<string, number> }>> {
    const { rows } = await db.query<{ id: string; seq: string | number; data: Customer; field_versions: Record<string, number> }>(
      'select id, seq, data, field_versions from customers',
    );
    return new Map(rows.map((r) => [r.id, { seq: Number(r.seq), data: r.data, fieldVersions: r.field_versions }]));
  }

  it('canonicalises what an older server stored, each identity once per customer, losing no customer, identity or reference', async () => {
    // What servers before migration 7 stored as they were sent: handles with @, mixed-case emails, national phones.
    await writeRecords(db, 'customers', [
      customer('c-spreadsheet', {
        identities: [
          { kind: 'twitter', value: '@TestUser123' },
          { kind: 'twitter', value: 'testuser123' },
          { kind: 'email', value: 'Mixed@Case.com' },
        ],
      }),
      customer('c-crm', {
        identities: [
          { kind: 'email', value: 'mixed@case.com' },
          { kind: 'phone', value: '(415) 555-0142' },
        ],
      }),
      customer('c-london', {
        language: 'en-GB',
        identities: [
          { kind: 'phone', value: '020 7946 0958' },
          { kind: 'email', value: ' not an email ' },
        ],
      }),
      customer('c-canonical', { identities: [{ kind: 'email', value: 'ada@example.com' }] }),
    ]);
    await writeRecords(db, 'cases', [kase('k-crm', 'c-crm')]);
    await writeRecords(db, 'interactions', [interaction('i-crm', 'c-crm', { caseId: 'k-crm' })]);
    const before = await stored();
    const cursor = Math.max(...[...before.values()].map((r) => r.seq));

    await db.query('delete from schema_migrations where version = 7');
    expect(await migrate(db)).toEqual([7]);

    const after = await stored();
    expect(after.get('c-spreadsheet')?.data.identities).toEqual([
      { kind: 'twitter', value: 'testuser123' },
      { kind: 'email', value: 'mixed@case.com' },
    ]);
    expect(after.get('c-crm')?.data.identities).toEqual([
      { kind: 'email', value: 'mixed@case.com' },
      { kind: 'phone', value: '+14155550142' },
    ]);
    // Nothing is lost: what cannot be read stays, trimmed; national phones are read in the customer's region.
    expect(after.get('c-london')?.data.identities).toEqual([
      { kind: 'phone', value: '+442079460958' },
      { kind: 'email', value: 'not an email' },
    ]);
    // Two customers now sharing an email both stay, undeleted, with their cases and interactions.
    expect([...after.values()].filter((r) => !r.data.deleted)).toHaveLength(4);
    const { rows: refs } = await db.query<{ customer: string }>(
      `select data->>'customerId' as customer from cases union all select data->>'customerId' from interactions`,
    );
    expect(refs.map((r) => r.customer)).toEqual(['c-crm', 'c-crm']);

    // Changed customers carry a new version and sequence number, so the next pull brings them; the others are untouched.
    for (const id of ['c-spreadsheet', 'c-crm', 'c-london']) {
      expect(after.get(id)?.seq, id).toBeGreaterThan(cursor);
      expect(after.get(id)?.data.version, id).toBe(2);
      expect(after.get(id)?.fieldVersions.identities, id).toBe(2);
    }
    expect(after.get('c-canonical')).toEqual(before.get('c-canonical'));
  });
});
