import type { Article, Broadcast, Case, Customer, Interaction, Role, Snippet } from '../../lib/schema/entities';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/database';
import { lockChanges, writeRecords } from '../db/records';
import { buildCustomers } from './customers';
import { buildArticles, buildSnippets } from './knowledge';

/** The seed's clock: every timestamp in the demo data is relative to it. */
export const DEMO_CLOCK = new Date('2026-11-20T09:00:00.000Z');
export const DEMO_PASSWORD = 'tandem-demo';
const SEED_KEY = 'demo_seed';

export const DEMO_TEAMS = [
  { id: 'team-care', name: 'Customer Care' },
  { id: 'team-billing', name: 'Billing' },
] as const;

/** The demo article whose verification has lapsed ("Delete an eSIM safely"), owned by the manager. */
export const STALE_DEMO_ARTICLE = 'art-071';

export const DEMO_ACCOUNTS: readonly { id: string; email: string; name: string; role: Role; teamIds: string[] }[] = [
  { id: 'user-alex', email: 'agent@tandem.demo', name: 'Alex Agent', role: 'agent', teamIds: ['team-care'] },
  { id: 'user-bea', email: 'agent2@tandem.demo', name: 'Bea Berg', role: 'agent', teamIds: ['team-care'] },
  { id: 'user-cy', email: 'billing@tandem.demo', name: 'Cy Cole', role: 'agent', teamIds: ['team-billing'] },
  { id: 'user-morgan', email: 'manager@tandem.demo', name: 'Morgan Manager', role: 'manager', teamIds: ['team-care', 'team-billing'] },
  { id: 'user-ada', email: 'admin@tandem.demo', name: 'Ada Admin', role: 'admin', teamIds: ['team-care', 'team-billing'] },
];

/** The demo organisation's CRM tenants: the hosts the e2e fixture pages are served at (e2e/fixture-server.ts). */
export const DEMO_ORG_HOSTS = ['tandemdemo.crm.dynamics.com', 'tandemdemo.freshdesk.com', 'tandemdemo.lightning.force.com', 'tandemdemo.zendesk.com'] as const;

/**
 * Retention in the demo (docs/privacy.md "Retention"): Billing keeps interactions for a year, and one of its customers has
 * older ones, which the server's first retention run (at start) deletes and logs in the access log.
 */
export const DEMO_RETENTION = { teamId: 'team-billing', days: 365 } as const;
const RETENTION_DEMO_CUSTOMER = 'cust-gen-004';

function interactionsPastRetention(at: (minutes: number) => string): Interaction[] {
  const DAY = 24 * 60;
  return [
    { ago: 400 * DAY, direction: 'inbound', text: 'Can you send me a copy of last year’s annual statement? I need it for my tax return.' },
    { ago: 399 * DAY, direction: 'outbound', text: 'Of course, the statement is on its way to the address on your account.' },
    { ago: 520 * DAY, direction: 'inbound', text: 'Why did my bill go up this month? I have not changed my plan.' },
  ].map((i, n) => ({
    id: `ix-retention-demo-${n + 1}`,
    version: 1,
    updatedAt: at(-i.ago),
    deleted: false,
    teamId: DEMO_RETENTION.teamId,
    customerId: RETENTION_DEMO_CUSTOMER,
    caseId: null,
    channel: 'email',
    visibility: 'private',
    direction: i.direction as Interaction['direction'],
    text: i.text,
    sourceUrl: null,
    authorName: null,
    occurredAt: at(-i.ago),
  }));
}

export interface DemoData {
  customers: Customer[];
  interactions: Interaction[];
  cases: Case[];
  articles: Article[];
  snippets: Snippet[];
  broadcasts: Broadcast[];
}

/** Pure and deterministic: the same clock gives the same data, byte for byte. */
export function buildDemoData(clock: Date = DEMO_CLOCK): DemoData {
  const at = (minutes: number) => new Date(clock.getTime() + minutes * 60_000).toISOString();
  const { customers, cases, interactions } = buildCustomers(at);
  const updatedAt = at(0);
  const snippets = buildSnippets(updatedAt);
  const outageSnippet = snippets.find((s) => s.shortcut === ';outage-berlin');
  const broadcasts: Broadcast[] = [
    {
      id: 'bc-berlin-outage',
      version: 1,
      updatedAt,
      deleted: false,
      title: 'Network outage in Berlin',
      message:
        'A fibre cut near Berlin-Mitte is affecting calls and mobile data for customers in central Berlin. Engineers are on site; we expect service to return gradually by 15:00 CET. Offer Wi-Fi Calling and log affected customers against the outage.',
      severity: 'major',
      startsAt: at(-3 * 60),
      endsAt: null,
      suggestedSnippetId: outageSnippet?.id ?? null,
      targeting: { teamIds: [], sites: [], tags: ['outage', 'berlin'] },
    },
    {
      id: 'bc-app-maintenance',
      version: 1,
      updatedAt,
      deleted: false,
      title: 'Northwind app maintenance finished',
      message:
        'Planned maintenance on the Northwind app and my.northwind.example took place overnight. Sign-in problems reported between 01:00 and 03:00 were caused by the maintenance and are resolved.',
      severity: 'minor',
      startsAt: at(-2 * 24 * 60),
      endsAt: at(-36 * 60),
      suggestedSnippetId: null,
      targeting: { teamIds: [], sites: [], tags: ['app', 'login'] },
    },
    {
      id: 'bc-billing-run',
      version: 1,
      updatedAt,
      deleted: false,
      title: 'Late Direct Debit collections on 20 November',
      message: 'Direct Debit collections due on 20 November will be taken a day late because of a bank processing delay. No late fees will be charged.',
      severity: 'info',
      startsAt: at(-60),
      endsAt: at(2 * 24 * 60),
      suggestedSnippetId: null,
      targeting: { teamIds: ['team-billing'], sites: [], tags: ['billing'] },
    },
  ];
  // One article past its verify-by date (issue 19): the overlay and side panel show its badge.
  const articles = buildArticles(updatedAt).map((a) => (a.id === STALE_DEMO_ARTICLE ? { ...a, owner: 'user-morgan', verifyBy: at(-7 * 24 * 60) } : a));
  return { customers, interactions: [...interactions, ...interactionsPastRetention(at)], cases, articles, snippets, broadcasts };
}

/** Writes the demo seed once; on a database that already has it, does nothing and returns false. */
export async function seedDemo(db: Db, clock: Date = DEMO_CLOCK): Promise<boolean> {
  const { rows } = await db.query('select 1 from meta where key = $1', [SEED_KEY]);
  if (rows.length > 0) return false;
  const data = buildDemoData(clock);
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  return db.transaction(async (tx) => {
    // Another server process may be seeding the same database: wait for it, then look again.
    await lockChanges(tx);
    const again = await tx.query('select 1 from meta where key = $1', [SEED_KEY]);
    if (again.rows.length > 0) return false;
    for (const team of DEMO_TEAMS) {
      await tx.query('insert into teams (id, name) values ($1, $2) on conflict (id) do nothing', [team.id, team.name]);
    }
    for (const [i, u] of DEMO_ACCOUNTS.entries()) {
      await tx.query('insert into users (id, email, name, role, password_hash, team_ids) values ($1, $2, $3, $4, $5, $6::text[]) on conflict (id) do nothing', [
        u.id,
        u.email,
        u.name,
        u.role,
        hashes[i],
        u.teamIds,
      ]);
    }
    // Order matters for the pull feed: a customer arrives before its cases and their interactions.
    await writeRecords(tx, 'customers', data.customers);
    await writeRecords(tx, 'cases', data.cases);
    await writeRecords(tx, 'interactions', data.interactions);
    await writeRecords(tx, 'articles', data.articles);
    await writeRecords(tx, 'snippets', data.snippets);
    await writeRecords(tx, 'broadcasts', data.broadcasts);
    await tx.query('insert into org_hosts (host, added_by, added_at) select h, $2, $3 from unnest($1::text[]) as h on conflict (host) do nothing', [
      DEMO_ORG_HOSTS,
      'user-ada',
      clock.toISOString(),
    ]);
    await tx.query('insert into retention_policies (team_id, days, updated_at, updated_by) values ($1, $2, $3, $4) on conflict (team_id) do nothing', [
      DEMO_RETENTION.teamId,
      DEMO_RETENTION.days,
      clock.toISOString(),
      'user-ada',
    ]);
    await tx.query('insert into meta (key, value) values ($1, $2::jsonb)', [SEED_KEY, JSON.stringify({ clock: clock.toISOString() })]);
    return true;
  });
}
