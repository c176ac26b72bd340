import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeSlaPolicy } from '../cases/sla-policy';
import { applyChanges, interactionsForCases, TandemDatabase, writeLocal } from '../db';
import type { CaptureInput, Customer } from '../schema';
import { planCapture } from './plan';
import { DEFAULT_REDACTION } from './redact';

const at = '2026-11-22T10:00:00.000Z';
const jane: Customer = {
  id: 'cust-jane-doe',
  version: 3,
  updatedAt: at,
  deleted: false,
  teamId: 'team-care',
  name: 'Jane Doe',
  identities: [
    { kind: 'twitter', value: 'jane_doe' },
    { kind: 'phone', value: '+442079460958' },
  ],
  tier: 'gold',
  currency: 'USD',
  language: 'en',
  tags: [],
  createdAt: at,
};

function tweet(overrides: Partial<CaptureInput> = {}): CaptureInput {
  return {
    site: 'twitter',
    channel: 'twitter',
    visibility: 'public',
    identities: [{ kind: 'twitter', value: 'jane_doe' }],
    authorName: 'Jane Doe',
    text: 'My eSIM stopped working, card 4111 1111 1111 1111 was charged',
    url: 'https://x.com/jane_doe/status/1861234567890123456',
    externalId: '1861234567890123456',
    postedAt: '2026-11-21T09:14:00.000Z',
    pageTitle: 'Jane Doe on X',
    subject: 'eSIM stopped working',
    priority: 'high',
    tags: ['esim'],
    ...overrides,
  };
}

let db: TandemDatabase;
let n = 0;
beforeEach(async () => {
  db = new TandemDatabase(`capture-${n++}`);
  await applyChanges(db, [{ entity: 'customers', seq: 1, record: jane }]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const options = { teamId: 'team-care', redaction: DEFAULT_REDACTION, now: new Date(at) };

describe('planCapture', () => {
  it('links a tweet to the known customer, with the SLA of its channel and priority, redacting the card', async () => {
    const plan = await planCapture(db, tweet(), options);
    expect(plan.status).toBe('new');
    if (plan.status !== 'new') return;
    expect(plan.customerCreated).toBe(false);
    expect(plan.writes.map((w) => `${w.entity}:${w.op}`)).toEqual(['cases:create', 'interactions:create']);
    expect(plan.case).toMatchObject({ customerId: 'cust-jane-doe', channel: 'twitter', priority: 'high', slaDueAt: '2026-11-22T11:00:00.000Z' });
    expect(plan.case.source).toEqual({ url: tweet().url, site: 'twitter', externalId: '1861234567890123456', pageTitle: 'Jane Doe on X' });
    const interaction = plan.writes[1]!;
    expect(interaction.op === 'create' && interaction.record.text).toBe('My eSIM stopped working, card [card ending 1111] was charged');
    expect(plan.redacted).toBe('Removed before saving: 1 card number.');
  });

  it('takes the deadline from the team policy the server last sent', async () => {
    const slaPolicy = mergeSlaPolicy({ social: { high: { firstResponseMinutes: 15, resolutionMinutes: 240 } } });
    const plan = await planCapture(db, tweet(), { ...options, slaPolicy });
    expect(plan.case.slaDueAt).toBe('2026-11-22T10:15:00.000Z');
  });

  it('finds the customer by a phone written the national way', async () => {
    const plan = await planCapture(db, tweet({ identities: [{ kind: 'phone', value: '020 7946 0958' }], country: 'GB', externalId: null }), options);
    expect(plan.status === 'new' && plan.customer.id).toBe('cust-jane-doe');
  });

  it('creates the customer when nobody has the identity, flagged as made for the capture so the server may merge it', async () => {
    const plan = await planCapture(db, tweet({ identities: [{ kind: 'twitter', value: 'Sam_Unknown' }], authorName: 'Sam', externalId: '99' }), options);
    expect(plan.status === 'new' && plan.customerCreated).toBe(true);
    if (plan.status !== 'new') return;
    expect(plan.customer.identities).toEqual([{ kind: 'twitter', value: 'sam_unknown' }]);
    expect(plan.writes[0]).toMatchObject({ entity: 'customers', op: 'create', origin: 'capture' });
  });

  it('opens the existing case when the same post is captured twice', async () => {
    const first = await planCapture(db, tweet(), options);
    if (first.status !== 'new') throw new Error('expected a new case');
    await writeLocal(db, first.writes);
    const second = await planCapture(db, tweet(), options);
    expect(second.status).toBe('existing');
    expect(second.case.id).toBe(first.case.id);
    expect(await db.cases.count()).toBe(1);
  });

  it('keeps a post whose text holds a NUL and half an emoji, cleaned so the server can store it', async () => {
    const poisoned = tweet({
      identities: [{ kind: 'twitter', value: 'nul\u0000user' }],
      authorName: 'Ni\u0000na \ud83d',
      text: 'Refund\u0000 please \ud83d',
      subject: `${'x'.repeat(299)}😀`,
      pageTitle: 'Post\u0000',
      externalId: 'p\u00001',
    });
    const plan = await planCapture(db, poisoned, options);
    if (plan.status !== 'new') throw new Error('expected a new case');
    await writeLocal(db, plan.writes);
    const [stored] = await interactionsForCases(db, [plan.case.id]);
    expect(stored?.text).toBe('Refund please \ufffd');
    expect(stored?.authorName).toBe('Nina \ufffd');
    expect(plan.customer.identities).toEqual([{ kind: 'twitter', value: 'nuluser' }]);
    expect(plan.case.subject).toBe(`${'x'.repeat(299)}\ufffd`);
    expect(plan.case.source).toMatchObject({ externalId: 'p1', pageTitle: 'Post' });
  });
});
