import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges, customerIdentityKeys, findCustomersByIdentities } from './index';
import { customer, useTestDatabase } from './test-fixtures';

const database = useTestDatabase();

describe('identity lookup against customers stored as CRMs hold them', () => {
  it('finds a customer an older server stored in non-canonical forms by the canonical identities a page reports', async () => {
    const db = database();
    const legacy = customer('c-legacy', {
      name: 'Test User',
      language: 'en-GB',
      identities: [
        { kind: 'twitter', value: '@TestUser123' },
        { kind: 'email', value: 'Mixed@Case.com' },
        { kind: 'phone', value: '020 7946 0958' },
      ],
    });
    await applyChanges(db, [{ entity: 'customers', seq: 1, record: legacy }]);
    // The keys the overlay's "matched by" compares page identities with.
    expect(customerIdentityKeys(legacy)).toEqual(['twitter:testuser123', 'email:mixed@case.com', 'phone:+442079460958']);

    for (const identity of [
      { kind: 'twitter', value: 'testuser123' },
      { kind: 'email', value: 'mixed@case.com' },
      { kind: 'phone', value: '+442079460958' },
    ] as const) {
      const found = await findCustomersByIdentities(db, [identity]);
      expect(
        found.map((c) => c.name),
        identity.kind,
      ).toEqual(['Test User']);
      expect(found[0]?.identities).toEqual(legacy.identities); // the record itself is shown as stored
    }
  });
});
