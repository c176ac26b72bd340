import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Change, SYNCED_ENTITIES } from '../schema';
import {
  applyChanges,
  clearAccountData,
  countRecords,
  findCustomersByIdentities,
  getMeta,
  openCasesForCustomer,
  setMeta,
  syncedTables,
  type TandemDatabase,
  timelineForCustomer,
} from './index';
import { customer, interaction, kase, useTestDatabase } from './test-fixtures';

const jane = customer('c-jane', {
  name: 'Jane Doe',
  identities: [
    { kind: 'email', value: 'jane.doe@example.com' },
    { kind: 'twitter', value: 'jane_doe' },
  ],
});
const janeTwin = customer('c-jane-2', { name: 'Jane D.', identities: [{ kind: 'twitter', value: 'jane_doe' }] });
const marcus = customer('c-marcus', { name: 'Marcus Chen', identities: [{ kind: 'phone', value: '+447700900123' }] });

const database = useTestDatabase();
let db: TandemDatabase;

beforeEach(async () => {
  db = database();
  const changes: Change[] = [
    ...[jane, janeTwin, marcus].map((record, i) => ({ entity: 'customers' as const, seq: i + 1, record })),
    { entity: 'cases', seq: 10, record: kase('k-late', 'c-jane', { status: 'open', slaDueAt: '2026-11-21T10:00:00.000Z' }) },
    { entity: 'cases', seq: 11, record: kase('k-soon', 'c-jane', { status: 'new', slaDueAt: '2026-11-20T10:00:00.000Z' }) },
    { entity: 'cases', seq: 12, record: kase('k-none', 'c-jane', { status: 'pending', slaDueAt: null }) },
    { entity: 'cases', seq: 13, record: kase('k-done', 'c-jane', { status: 'solved', slaDueAt: '2026-11-19T10:00:00.000Z' }) },
    { entity: 'interactions', seq: 20, record: interaction('i-1', 'c-jane', { occurredAt: '2026-11-18T10:00:00.000Z' }) },
    { entity: 'interactions', seq: 21, record: interaction('i-2', 'c-jane', { occurredAt: '2026-11-19T10:00:00.000Z' }) },
    { entity: 'interactions', seq: 22, record: interaction('i-3', 'c-marcus', { occurredAt: '2026-11-19T11:00:00.000Z' }) },
  ];
  await applyChanges(db, changes);
});

describe('identity lookup', () => {
  it('finds a customer by any of their identities, best match first', async () => {
    const byEmail = await findCustomersByIdentities(db, [{ kind: 'email', value: 'jane.doe@example.com' }]);
    expect(byEmail.map((c) => c.name)).toEqual(['Jane Doe']);
    const both = await findCustomersByIdentities(db, [
      { kind: 'twitter', value: 'jane_doe' },
      { kind: 'email', value: 'jane.doe@example.com' },
    ]);
    expect(both.map((c) => c.id)).toEqual(['c-jane', 'c-jane-2']);
    expect(both[0]).not.toHaveProperty('identityKeys');
  });

  it('does not confuse kinds that share a value and finds nobody for an unknown identity', async () => {
    expect(await findCustomersByIdentities(db, [{ kind: 'facebook', value: 'jane_doe' }])).toEqual([]);
    expect(await findCustomersByIdentities(db, [])).toEqual([]);
  });
});

describe('cases and timeline', () => {
  it('lists open cases only, the nearest deadline first', async () => {
    const open = await openCasesForCustomer(db, 'c-jane');
    expect(open.map((c) => c.id)).toEqual(['k-soon', 'k-late', 'k-none']);
  });

  it('lists one customer’s interactions newest first', async () => {
    const timeline = await timelineForCustomer(db, 'c-jane');
    expect(timeline.map((i) => i.id)).toEqual(['i-2', 'i-1']);
  });
});

describe('applyChanges', () => {
  it('applies tombstones and ignores changes older than the cache', async () => {
    await applyChanges(db, [
      { entity: 'customers', seq: 30, record: { ...janeTwin, version: 2, deleted: true } },
      { entity: 'customers', seq: 31, record: { ...marcus, version: 0, name: 'Stale Name' } },
    ]);
    expect(await db.customers.get('c-jane-2')).toBeUndefined();
    expect((await db.customers.get('c-marcus'))?.name).toBe('Marcus Chen');
  });

  it('reindexes identities when a customer changes', async () => {
    await applyChanges(db, [{ entity: 'customers', seq: 32, record: { ...marcus, version: 2, identities: [{ kind: 'email', value: 'marcus@example.org' }] } }]);
    expect(await findCustomersByIdentities(db, [{ kind: 'phone', value: '+447700900123' }])).toEqual([]);
    expect((await findCustomersByIdentities(db, [{ kind: 'email', value: 'marcus@example.org' }]))[0]?.id).toBe('c-marcus');
  });
});

describe('meta and sign-out', () => {
  it('keeps sync state and wipes everything on sign-out', async () => {
    await setMeta(db, 'cursor', 42);
    expect(await getMeta<number>(db, 'cursor')).toBe(42);
    expect((await countRecords(db)).customers).toBe(3);
    await clearAccountData(db);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
    expect(Object.values(await countRecords(db)).every((n) => n === 0)).toBe(true);
  });
});

describe('synced tables', () => {
  it('counts one table per synced entity, each a table of the database, from the entity list', async () => {
    const counts = await countRecords(db);
    expect(Object.keys(counts).sort()).toEqual(Object.keys(SYNCED_ENTITIES).sort());
    expect(syncedTables(db).map((t) => t.name)).toEqual(Object.keys(SYNCED_ENTITIES));
    expect(counts).toMatchObject({ customers: 3, interactions: 3, cases: 4, articles: 0 });
  });
});
