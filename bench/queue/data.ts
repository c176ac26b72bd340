// The bench's queue: 5,000 (BENCH_CASES) generated open cases and the live changes applied to them, from a seeded
// PRNG, so the page's thread (run.ts) and the simulated background (feed-worker.ts) draw the same data.
import type { Channel, Priority, Tier } from '../../lib/schema/entities';
import type { QueueCase, QueueSnapshot } from '../../lib/schema/queue';
import { rng } from '../stats';

export const NOW = new Date('2026-11-20T12:00:00.000Z');
export const SEED = 20261120;

const CHANNELS: Channel[] = ['email', 'twitter', 'facebook', 'phone', 'chat', 'zendesk', 'salesforce', 'hubspot', 'freshdesk', 'dynamics', 'web'];
const TIERS: Tier[] = ['standard', 'standard', 'standard', 'silver', 'silver', 'gold', 'platinum'];
const PRIORITIES: Priority[] = ['low', 'normal', 'normal', 'high', 'urgent'];
const TAGS = ['vip', 'roaming', 'esim', 'billing', 'refunds', 'outage', 'business', 'prepaid'];
const ASSIGNEES = [null, null, null, 'user-alex', 'user-bea', 'user-morgan'];
export const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();

export const names = new Map([
  ['user-alex', 'Alex Agent'],
  ['user-bea', 'Bea Berg'],
  ['user-morgan', 'Morgan Manager'],
]);
export const teammates = [...names].map(([id, name]) => ({ id, name, email: `${id}@x`, role: 'agent' as const, teamIds: ['team-care', 'team-billing'] }));
const me = { id: 'user-alex', name: 'Alex Agent', teamIds: ['team-care', 'team-billing'] };
export const snapshotOf = (rows: QueueCase[]): QueueSnapshot => ({ me, cases: rows, presence: [], teammates, live: true });

/** Cases and changes drawn from one seeded PRNG, in the order they are asked for. */
export function benchData(seed = SEED) {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

  function makeCase(i: number): QueueCase {
    const created = -Math.floor(random() * 72 * 60);
    return {
      id: `case-${String(i).padStart(6, '0')}`,
      version: 1,
      updatedAt: minutes(created),
      deleted: false,
      teamId: random() < 0.8 ? 'team-care' : 'team-billing',
      customerId: `cust-${i % 1500}`,
      subject: `Case ${i}: ${pick(TAGS)} question`,
      status: pick(['new', 'open', 'open', 'pending'] as const),
      priority: pick(PRIORITIES),
      channel: pick(CHANNELS),
      slaDueAt: random() < 0.05 ? null : minutes(Math.floor(-180 + random() * 48 * 60)),
      assigneeId: pick(ASSIGNEES),
      tags: [...new Set([pick(TAGS), pick(TAGS)])].slice(0, 1 + Math.floor(random() * 2)),
      source: { url: `https://x.com/someone/status/${1_000_000 + i}`, site: 'twitter', externalId: String(1_000_000 + i), pageTitle: null },
      createdAt: minutes(created),
      customerName: `Customer ${i % 1500}`,
      customerTier: pick(TIERS),
      customerValueCents: Math.floor(random() * 1_000_000),
      customerValueBand: null,
      customerLanguage: 'en',
      pending: false,
      claimConflict: null,
    };
  }

  /** The i-th live change, one of four kinds in turn: a claim, a close, a deadline moved into the past, a new case. */
  function change(current: readonly QueueCase[], i: number, cases: number): QueueCase[] {
    const kind = i % 4;
    const target = current[Math.floor(random() * current.length)]!;
    if (kind === 0) return current.map((c) => (c === target ? { ...c, assigneeId: 'user-bea', version: c.version + 1 } : c));
    if (kind === 1) return current.filter((c) => c !== target); // solved: leaves the open queue
    if (kind === 2) return current.map((c) => (c === target ? { ...c, slaDueAt: minutes(-30), version: c.version + 1 } : c));
    return [...current, makeCase(cases + i)];
  }

  return { random, makeCase, change };
}
