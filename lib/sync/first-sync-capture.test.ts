import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/database';
import { seededDb } from '../../server/testing';
import { createApiClient } from '../api/client';
import { countUnsyncedWork, interactionById, writeLocal } from '../db';
import { customer, interaction, kase, useTestDatabase } from '../db/test-fixtures';
import { createSyncEngine } from './engine';

const db = useTestDatabase();
const BASE = 'http://tandem.test';
let serverDb: Db;
let app: ReturnType<typeof createApp>;
let token: string;

beforeAll(async () => {
  serverDb = await seededDb();
  app = createApp({ db: serverDb });
  const res = await app.fetch(
    new Request(`${BASE}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@tandem.demo', password: 'tandem-demo' }),
    }),
  );
  token = ((await res.json()) as { token: string }).token;
}, 60_000);
afterAll(async () => {
  await serverDb?.close();
});

const serverCustomersWith = async (key: string) =>
  (await serverDb.query<{ id: string }>(`select id from customers where customer_identity_keys(data) && array[$1]::text[] order by id`, [key])).rows.map(
    (r) => r.id,
  );

describe('a capture made before the first sync pulled its author', () => {
  it('is filed under the customer the server has, and no second customer is made', async () => {
    const before = await serverCustomersWith('twitter:jane_doe');
    expect(before).toEqual(['cust-jane-doe']);
    // What planning writes with an empty cache: a contact of its own for @jane_doe, the case, the interaction.
    const local = 'cust-made-during-first-sync';
    const stamp = new Date().toISOString();
    await writeLocal(db(), [
      {
        entity: 'customers',
        op: 'create',
        record: customer(local, { version: 0, identities: [{ kind: 'twitter', value: 'jane_doe' }], name: '@jane_doe' }),
        origin: 'capture',
      },
      { entity: 'cases', op: 'create', record: kase('case-made-during-first-sync', local, { version: 0, createdAt: stamp }) },
      {
        entity: 'interactions',
        op: 'create',
        record: interaction('int-made-during-first-sync', local, { version: 0, caseId: 'case-made-during-first-sync', occurredAt: stamp }),
      },
    ]);
    const transport = createApiClient({ baseUrl: BASE, token, fetch: async (input, init) => app.fetch(new Request(input, init)) });
    await createSyncEngine({ db: db(), transport }).syncOnce();

    expect(await countUnsyncedWork(db())).toBe(0);
    expect(await serverCustomersWith('twitter:jane_doe')).toEqual(['cust-jane-doe']);
    expect(await db().customers.get(local)).toBeUndefined();
    expect((await db().cases.get('case-made-during-first-sync'))?.customerId).toBe('cust-jane-doe');
    expect((await interactionById(db(), 'int-made-during-first-sync'))?.customerId).toBe('cust-jane-doe');
    const onServer = await serverDb.query<{ customer_id: string }>(`select data->>'customerId' as customer_id from cases where id = $1`, [
      'case-made-during-first-sync',
    ]);
    expect(onServer.rows[0]?.customer_id).toBe('cust-jane-doe');
  });

  it('keeps a contact an agent made on purpose beside the customer sharing its identity (a household email)', async () => {
    const before = await serverCustomersWith('twitter:jane_doe');
    const own = 'cust-jane-doe-household';
    await writeLocal(db(), [
      {
        entity: 'customers',
        op: 'create',
        record: customer(own, { version: 0, identities: [{ kind: 'twitter', value: 'jane_doe' }], name: 'Jane Doe senior' }),
      },
    ]);
    const transport = createApiClient({ baseUrl: BASE, token, fetch: async (input, init) => app.fetch(new Request(input, init)) });
    await createSyncEngine({ db: db(), transport }).syncOnce();

    expect(await countUnsyncedWork(db())).toBe(0);
    expect(await serverCustomersWith('twitter:jane_doe')).toEqual([...before, own].sort());
    expect((await db().customers.get(own))?.name).toBe('Jane Doe senior');
  });
});
