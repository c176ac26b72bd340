import type { TandemDatabase } from '../db';
import { customerIdentityKeys } from '../identity/normalize';
import type { Customer, OtherMatch, PageContext } from '../schema';
import { pickFor } from './picks';
import { pageConfidence, rankPeople } from './rank';

/**
 * The person the page is about among those its identities found (./rank.ts, with the agent's pick for
 * the record, ./picks.ts), and the others as the overlay names them, the plausible ones marked so the
 * agent can pick between them.
 */
export async function rankMatches(
  db: TandemDatabase,
  context: Pick<PageContext, 'site' | 'recordId' | 'identities' | 'evidence' | 'country'>,
  matches: readonly Customer[],
): Promise<{ customer: Customer | undefined; others: OtherMatch[] }> {
  const { ranked, plausible } = rankPeople(
    matches.map((customer) => ({ customer, keys: customerIdentityKeys(customer) })),
    pageConfidence(context),
    await pickFor(db, context),
  );
  const [customer, ...others] = ranked;
  return { customer, others: others.slice(0, 10).map(({ id, name }) => (plausible.has(id) ? { id, name, plausible: true } : { id, name })) };
}
