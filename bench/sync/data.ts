// Deterministic bulk data for the sync bench: team-care customers, their interactions and published
// articles, shaped like the demo seed and valid per lib/schema/entities.ts (writeRecords parses them).
import type { Article, Channel, Customer, Identity, Interaction, Tier } from '../../lib/schema/entities';
import { rng } from '../stats';

export const TEAM = 'team-care';
const CLOCK = Date.parse('2026-11-20T09:00:00.000Z');
const iso = (minutesAgo: number) => new Date(CLOCK - minutesAgo * 60_000).toISOString();

const FIRST = [
  'Jane',
  'Omar',
  'Lena',
  'Ravi',
  'Mia',
  'Tom',
  'Aiko',
  'Carlos',
  'Nora',
  'Felix',
  'Zoe',
  'Ivan',
  'Sara',
  'Jonas',
  'Amara',
  'Lucas',
  'Emma',
  'Noah',
  'Yara',
  'Ben',
];
const LAST = [
  'Doe',
  'Haddad',
  'Fischer',
  'Patel',
  'Rossi',
  'Berg',
  'Tanaka',
  'Silva',
  'Novak',
  'Weber',
  'Kim',
  'Petrov',
  'Costa',
  'Meyer',
  'Okafor',
  'Martin',
  'Schulz',
  'Dubois',
  'Sato',
  'Walsh',
];
const TIERS: Tier[] = ['standard', 'standard', 'standard', 'silver', 'silver', 'gold', 'platinum'];
const TAGS = ['vip', 'mobile-app', 'roaming', 'esim', 'billing', 'churn-risk', 'business', 'prepaid', 'fibre', 'student', 'refunds', 'outage'];
const LANGS = ['en', 'en', 'en', 'de', 'fr', 'es', 'it', 'pt'];
const CHANNELS: Channel[] = ['email', 'twitter', 'facebook', 'phone', 'chat', 'zendesk', 'salesforce', 'hubspot', 'freshdesk', 'dynamics', 'web'];
const WORDS =
  'my bill shows a roaming charge again after the update the app will not sign in please help eSIM no signal since yesterday refund for the duplicate payment on card contract ends next month can I keep my number router keeps dropping the connection at night thanks for the quick reply we have sent a new code check the settings restart the phone and try again'.split(
    ' ',
  );

function text(r: () => number, minWords: number, maxWords: number): string {
  const n = minWords + Math.floor(r() * (maxWords - minWords + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(r() * WORDS.length)] ?? 'help');
  const s = out.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

export const customerId = (i: number) => `bcust-${i}`;

export function customer(i: number): Customer {
  const r = rng(1_000_003 + i);
  const identities: Identity[] = [{ kind: 'email', value: `customer${i}@example${i % 97}.com` }];
  if (i % 3 !== 0) identities.push({ kind: 'phone', value: `+1415${String(5_000_000 + i).padStart(7, '0')}` });
  if (i % 4 === 0) identities.push({ kind: 'twitter', value: `handle_${i}` });
  if (i % 5 === 0) identities.push({ kind: 'zendesk', value: String(200_000 + i) });
  const tags = TAGS.filter(() => r() < 0.12);
  return {
    id: customerId(i),
    version: 1,
    updatedAt: iso(60),
    deleted: false,
    teamId: TEAM,
    name: `${pick(r, FIRST)} ${pick(r, LAST)}`,
    identities,
    tier: pick(r, TIERS),
    lifetimeValueCents: Math.floor(r() * 500_000),
    currency: r() < 0.6 ? 'EUR' : 'USD',
    language: pick(r, LANGS),
    tags,
    createdAt: iso(60 * 24 * (30 + Math.floor(r() * 2000))),
  };
}

/** Interaction j belongs to customer j % customers, so every customer has a timeline of about two. */
export function interaction(j: number, customers: number): Interaction {
  const r = rng(2_000_003 + j);
  const channel = pick(r, CHANNELS);
  const social = channel === 'twitter' || channel === 'facebook';
  const inbound = r() < 0.6;
  return {
    id: `bint-${j}`,
    version: 1,
    updatedAt: iso(30),
    deleted: false,
    teamId: TEAM,
    customerId: customerId(j % customers),
    caseId: null,
    channel,
    visibility: social && r() < 0.5 ? 'public' : 'private',
    direction: inbound ? 'inbound' : 'outbound',
    text: text(r, 8, 60),
    sourceUrl: social ? `https://x.com/someone/status/${1_860_000_000_000_000_000n + BigInt(j)}` : null,
    authorName: inbound ? null : 'Alex Agent',
    occurredAt: iso(Math.floor(r() * 60 * 24 * 365)),
  };
}

/** Published, for everyone or for team-care, with a markdown body of a few paragraphs (about 1–3 kB). */
export function article(k: number): Article {
  const r = rng(3_000_003 + k);
  const paragraphs = 3 + Math.floor(r() * 6);
  const body = [`# ${text(r, 4, 8)}`, ...Array.from({ length: paragraphs }, () => text(r, 20, 50)), `- ${text(r, 4, 9)}\n- ${text(r, 4, 9)}`].join('\n\n');
  return {
    id: `bart-${k}`,
    version: 1,
    updatedAt: iso(120),
    deleted: false,
    title: text(r, 4, 10).slice(0, 300),
    body,
    summary: text(r, 12, 30),
    url: `https://help.northwind.example/articles/${k}`,
    tags: TAGS.filter(() => r() < 0.15),
    language: 'en',
    status: 'published',
    targeting: { teamIds: k % 2 === 0 ? [] : [TEAM], sites: [], tags: [] },
  };
}
