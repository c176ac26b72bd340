import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { applyChanges, type LocalWrite, writeLocal } from '../db';
import { customer, useTestDatabase } from '../db/test-fixtures';
import { createContactHandlers } from './handlers';

const db = useTestDatabase();

function setup(signedIn = true) {
  const write = vi.fn((writes: LocalWrite[]) => writeLocal(db(), writes));
  const handlers = createContactHandlers({
    db: db(),
    agent: async () => (signedIn ? { id: 'u-ana', name: 'Ana', teamIds: ['team-care'] } : null),
    write,
    now: () => new Date('2026-11-20T09:00:00.000Z'),
  });
  return { handlers, write };
}

describe('contact.create', () => {
  it('makes a customer of the page’s identities, normalised, cached and queued for the server', async () => {
    const { handlers } = setup();
    const { customer: created } = await handlers['contact.create'](
      {
        name: '  Sam Lee ',
        identities: [
          { kind: 'phone', value: '020 7946 0958' },
          { kind: 'twitter', value: 'Sam_Lee' },
        ],
        country: 'GB',
      },
      {},
    );
    // The page learns the id and name it shows, nothing more; the full record is in the cache.
    expect(Object.keys(created)).toEqual(['id', 'name']);
    expect(await db().customers.get(created.id)).toMatchObject({
      name: 'Sam Lee',
      teamId: 'team-care',
      version: 0,
      identities: [
        { kind: 'phone', value: '+442079460958' },
        { kind: 'twitter', value: 'sam_lee' },
      ],
    });
    expect(await db().outbox.toArray()).toEqual([expect.objectContaining({ entity: 'customers', op: 'create', recordId: created.id })]);
  });

  it('names the contact after their first identity when the page shows no name', async () => {
    const { handlers } = setup();
    const { customer: created } = await handlers['contact.create']({ name: null, identities: [{ kind: 'email', value: 'Sam@Example.com' }] }, {});
    expect(created.name).toBe('sam@example.com');
  });

  it('answers only the id and name of the customer who already has one of the identities, and writes nothing', async () => {
    const sam = customer('c-sam', { name: 'Sam', identities: [{ kind: 'twitter', value: 'sam_lee' }], lifetimeValueCents: 990_000 });
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: sam }]);
    const { handlers, write } = setup();
    const { customer: found } = await handlers['contact.create']({ name: 'Sam', identities: [{ kind: 'twitter', value: 'Sam_Lee' }] }, {});
    expect(found).toEqual({ id: 'c-sam', name: 'Sam' });
    expect(write).not.toHaveBeenCalled();
  });

  it('refuses identities that are not valid, and a device nobody signed in on', async () => {
    await expect(setup().handlers['contact.create']({ name: 'X', identities: [{ kind: 'phone', value: 'call me' }] }, {})).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(setup(false).handlers['contact.create']({ name: 'X', identities: [{ kind: 'twitter', value: 'x' }] }, {})).rejects.toMatchObject({
      code: 'signed_out',
    });
  });
});
