// A running incident for `npm start`'s demo (issue 22): seven people of Customer Care tweet about no signal in Bristol
// over the half hour before the seed's clock, written as real customers, cases and tweets, then replayed through the
// detector at their own times on top of the demo's week of history, so the manager's console and overlay open on a
// "Possible incident" the detector really found. Only `npm start` asks for it (scripts/start.ts): the tests' demo data
// stays as it was, since e2e count and rank what it holds.
import type { Case, Customer, Interaction } from '../../lib/schema/entities';
import type { Db } from '../db/database';
import { lockChanges, writeRecords } from '../db/records';
import { detectSeeded } from './watch';

const SEED_KEY = 'demo_outage';
const TEAM = 'team-care';

/** Who wrote, what, and how many minutes before the seed's clock: quicker as word spreads, as in the scenario. */
const TWEETS: readonly { name: string; handle: string; minutesAgo: number; text: string }[] = [
  { name: 'Ruth Ellison', handle: 'ruthellison', minutesAgo: 34, text: 'No signal at all in Bristol since about 8, is something down @NorthwindCare?' },
  { name: 'Kwame Osei', handle: 'kwame_osei', minutesAgo: 27, text: 'Bristol: phone says SOS only, zero signal. Anyone else?' },
  { name: 'Hannah Price', handle: 'hprice_bs3', minutesAgo: 21, text: 'Lost signal completely in Bristol city centre, restarted twice' },
  { name: 'Tom Varga', handle: 'tomvarga', minutesAgo: 16, text: 'Is the Northwind network down in Bristol? No signal and no data' },
  { name: 'Priya Nair', handle: 'priyanair_', minutesAgo: 12, text: 'Still no signal in Bristol, I cannot call work' },
  { name: 'Leon Walsh', handle: 'leon_walsh', minutesAgo: 7, text: 'No signal here in Bristol either, bars gone since this morning' },
  { name: 'Sofia Marin', handle: 'sofiamarin', minutesAgo: 3, text: 'Bristol outage? Signal dropped for everyone in our office' },
];

export interface DemoOutage {
  customers: Customer[];
  cases: Case[];
  interactions: Interaction[];
}

/** Pure: the outage's customers, cases and tweets, relative to the clock. */
export function buildDemoOutage(clock: Date): DemoOutage {
  const at = (minutesAgo: number) => new Date(clock.getTime() - minutesAgo * 60_000).toISOString();
  const out: DemoOutage = { customers: [], cases: [], interactions: [] };
  for (const [i, tweet] of TWEETS.entries()) {
    const when = at(tweet.minutesAgo);
    const n = String(i + 1).padStart(2, '0');
    const synced = { version: 1, updatedAt: when, deleted: false, teamId: TEAM };
    const customerId = `cust-outage-bristol-${n}`;
    const caseId = `case-outage-bristol-${n}`;
    // 18697…: a range of tweet ids no fixture and no other seed uses.
    const url = `https://x.com/${tweet.handle}/status/1869700000000000${n}0`;
    out.customers.push({
      ...synced,
      id: customerId,
      name: tweet.name,
      identities: [{ kind: 'twitter', value: tweet.handle }],
      tier: 'standard',
      currency: 'GBP',
      language: 'en',
      tags: [],
      createdAt: when,
    });
    out.cases.push({
      ...synced,
      id: caseId,
      customerId,
      subject: tweet.text,
      status: 'new',
      priority: 'normal',
      channel: 'twitter',
      slaDueAt: at(tweet.minutesAgo - 60),
      assigneeId: null,
      tags: [],
      source: { url, site: 'twitter', externalId: url.split('/').at(-1) ?? null, pageTitle: null },
      createdAt: when,
    });
    out.interactions.push({
      ...synced,
      id: `ix-outage-bristol-${n}`,
      customerId,
      caseId,
      channel: 'twitter',
      visibility: 'public',
      direction: 'inbound',
      text: tweet.text,
      sourceUrl: url,
      authorName: tweet.name,
      occurredAt: when,
    });
  }
  return out;
}

/** Writes the outage once (after the demo seed) and replays it through the detector; false when it was there already. */
export async function seedDemoOutage(db: Db, clock: Date): Promise<boolean> {
  const data = buildDemoOutage(clock);
  const written = await db.transaction(async (tx) => {
    await lockChanges(tx);
    const { rows } = await tx.query('select 1 from meta where key = $1', [SEED_KEY]);
    if (rows.length > 0) return false;
    await writeRecords(tx, 'customers', data.customers);
    await writeRecords(tx, 'cases', data.cases);
    await writeRecords(tx, 'interactions', data.interactions);
    await tx.query('insert into meta (key, value) values ($1, $2::jsonb)', [SEED_KEY, JSON.stringify({ clock: clock.toISOString() })]);
    return true;
  });
  if (!written) return false;
  await detectSeeded(
    db,
    data.cases.map((c, i) => ({
      teamId: c.teamId,
      customerId: c.customerId,
      caseId: c.id,
      at: Date.parse(c.createdAt),
      text: c.subject,
      personal: [data.customers[i]?.name ?? '', ...(data.customers[i]?.identities.map((id) => id.value) ?? [])],
    })),
  );
  return true;
}
