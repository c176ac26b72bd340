import { findCustomersByIdentities, type LocalWrite, type TandemDatabase } from '../db';
import { normalizePageIdentities } from '../identity/normalize';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { Customer } from '../schema';
import { type Agent, teamForNewRecords } from '../session/session';

export interface ContactHandlerDeps {
  db: TandemDatabase;
  agent(): Promise<Agent | null>;
  write(writes: LocalWrite[]): Promise<string[]>;
  now: () => Date;
}

/** An unknown person on the page becomes a contact with the identities found there (offline too). */
export function createContactHandlers({ db, agent, write, now }: ContactHandlerDeps): Pick<Handlers, 'contact.create'> {
  return {
    'contact.create': async ({ name, identities, country }) => {
      const teamId = teamForNewRecords(await agent(), 'create contacts');
      const normalized = normalizePageIdentities({ identities, country });
      if (normalized.length === 0) throw new MessageError('invalid_request', 'None of the identities on this page is valid.');
      // Someone may already have them (another agent created the contact, a sync just landed).
      const [existing] = await findCustomersByIdentities(db, normalized);
      // The page may have planted them: it learns the name it could read in the overlay, never the record.
      if (existing) return { customer: { id: existing.id, name: existing.name } };
      const at = now().toISOString();
      const customer: Customer = {
        id: `cust-${crypto.randomUUID()}`,
        version: 0,
        updatedAt: at,
        deleted: false,
        teamId,
        name: name?.trim() || normalized[0]!.value,
        identities: normalized,
        tier: 'standard',
        currency: 'USD',
        language: 'en',
        tags: [],
        createdAt: at,
      };
      await write([{ entity: 'customers', op: 'create', record: customer }]);
      return { customer: { id: customer.id, name: customer.name } };
    },
  };
}
