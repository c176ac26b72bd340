import { findCustomersByIdentities, openCasesForCustomer, timelineForCustomer, type TandemDatabase } from '../db';
import { identityKey } from '../db';
import type { PageContext, Resolution } from '../schema';

/** Who the page is about, from the local cache only: instant and offline. */
export async function resolveContext(db: TandemDatabase, context: PageContext): Promise<Resolution> {
  if (context.identities.length === 0) return { status: 'none' };
  const matches = await findCustomersByIdentities(db, context.identities);
  const [customer, ...others] = matches;
  if (!customer) return { status: 'unknown', identities: context.identities };
  const keys = new Set(customer.identities.map(identityKey));
  const [openCases, timeline] = await Promise.all([openCasesForCustomer(db, customer.id), timelineForCustomer(db, customer.id, 20)]);
  return {
    status: 'matched',
    view: { customer, openCases, timeline, matchedBy: context.identities.filter((i) => keys.has(identityKey(i))) },
    otherMatches: others.slice(0, 10),
  };
}
