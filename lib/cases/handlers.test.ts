import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges, writeLocal } from '../db';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import { createCaseHandlers } from './handlers';

const db = useTestDatabase();

describe('cases.recent', () => {
  it('lists open cases newest first, with the customer’s name and whether the server has them yet', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane', { name: 'Jane Doe' }) },
      { entity: 'cases', seq: 2, record: kase('k-old', 'c-jane', { createdAt: '2026-11-18T09:00:00.000Z' }) },
      { entity: 'cases', seq: 3, record: kase('k-solved', 'c-jane', { status: 'solved', createdAt: '2026-11-21T09:00:00.000Z' }) },
      { entity: 'cases', seq: 4, record: kase('k-orphan', 'c-gone', { status: 'new', createdAt: '2026-11-19T09:00:00.000Z' }) },
    ]);
    await writeLocal(db(), [
      { entity: 'cases', op: 'create', record: kase('k-new', 'c-jane', { version: 0, status: 'new', createdAt: '2026-11-20T09:00:00.000Z' }) },
    ]);
    const { cases } = await createCaseHandlers({ db: db(), write: (writes) => writeLocal(db(), writes) })['cases.recent']({ limit: 2, solved: false }, {});
    expect(cases.map((c) => [c.id, c.customerName, c.pending])).toEqual([
      ['k-new', 'Jane Doe', true],
      ['k-orphan', null, false],
    ]);
  });

  it('lists the solved cases instead when asked (the side panel’s “Draft article”)', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane', { name: 'Jane Doe' }) },
      { entity: 'cases', seq: 2, record: kase('k-open', 'c-jane') },
      { entity: 'cases', seq: 3, record: kase('k-solved', 'c-jane', { status: 'solved', updatedAt: '2026-11-20T09:00:00.000Z' }) },
      { entity: 'cases', seq: 4, record: kase('k-closed', 'c-jane', { status: 'closed', updatedAt: '2026-11-21T09:00:00.000Z' }) },
    ]);
    const { cases } = await createCaseHandlers({ db: db(), write: (writes) => writeLocal(db(), writes) })['cases.recent']({ limit: 5, solved: true }, {});
    expect(cases.map((c) => [c.id, c.customerName])).toEqual([
      ['k-closed', 'Jane Doe'],
      ['k-solved', 'Jane Doe'],
    ]);
  });
});
