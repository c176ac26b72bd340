import { customerIdentityKeys, findCustomersByIdentities, identityKey, openCasesForCustomer, type TandemDatabase, timelineForCustomer } from '../db';
import { customerEffort } from '../effort/effort';
import { normalizePageIdentities } from '../identity/normalize';
import { rankMatches } from '../recognition/resolve';
import type { PageContext, Resolution } from '../schema';
import { OVERLAY_TIMELINE_ITEMS } from '../schema/overlay';

/**
 * Who the page is about, from the local cache only: instant and offline. `mayLookUp` is asked before
 * the cache is, with the person's key (their identities, normalised and sorted); when it says no, the
 * answer is 'busy' (see ./lookup-budget.ts).
 */
export async function resolveContext(db: TandemDatabase, context: PageContext, mayLookUp: (person: string) => boolean = () => true): Promise<Resolution> {
  // The page is untrusted and reports phones as written: re-normalise every identity (E.164 phones).
  const identities = normalizePageIdentities(context);
  if (identities.length === 0) return { status: 'none' };
  if (!mayLookUp(identities.map(identityKey).sort().join(' '))) return { status: 'busy' };
  const found = await findCustomersByIdentities(db, identities);
  // One person found (the usual page): nobody to rank them against and no pick to read (rankPeople puts the only match
  // first whatever the pick), so their cases and timeline are read at once.
  const { customer, others } = found.length === 1 ? { customer: found[0], others: [] } : await rankMatches(db, context, found);
  if (!customer) return { status: 'unknown', identities };
  const [openCases, timeline] = await cardOf(db, customer.id);
  const keys = new Set(customerIdentityKeys(customer));
  return {
    status: 'matched',
    view: { customer, openCases, timeline, matchedBy: identities.filter((i) => keys.has(identityKey(i))), effort: customerEffort(timeline) },
    otherMatches: others,
  };
}

/** What the card shows beside the customer: their open cases and their latest 20 interactions. */
function cardOf(db: TandemDatabase, customerId: string) {
  return Promise.all([openCasesForCustomer(db, customerId), timelineForCustomer(db, customerId, 20)]);
}

/**
 * What the overlay frame is sent: the resolution without the timeline items it does not show (least
 * data: the frame sits in the page's tab); the side panel, which the agent opened, gets everything.
 */
export function forOverlay(resolution: Resolution): Resolution {
  if (resolution.status !== 'matched') return resolution;
  return { ...resolution, view: { ...resolution.view, timeline: resolution.view.timeline.slice(0, OVERLAY_TIMELINE_ITEMS) } };
}
