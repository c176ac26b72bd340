import { findCustomersByIdentities, identityKey, openCasesForCustomer, type TandemDatabase, timelineForCustomer } from '../db';
import { normalizePageIdentities } from '../identity/normalize';
import type { PageContext, Resolution } from '../schema';

/** Who the page is about, from the local cache only: instant and offline. */
export async function resolveContext(db: TandemDatabase, context: PageContext): Promise<Resolution> {
  // The page is untrusted and reports phones as written: re-normalise every identity (E.164 phones).
  const identities = normalizePageIdentities(context);
  if (identities.length === 0) return { status: 'none' };
  const matches = await findCustomersByIdentities(db, identities);
  const [customer, ...others] = matches;
  if (!customer) return { status: 'unknown', identities };
  const keys = new Set(customer.identities.map(identityKey));
  const [openCases, timeline] = await Promise.all([openCasesForCustomer(db, customer.id), timelineForCustomer(db, customer.id, 20)]);
  return {
    status: 'matched',
    view: { customer, openCases, timeline, matchedBy: identities.filter((i) => keys.has(identityKey(i))) },
    otherMatches: others.slice(0, 10),
  };
}
