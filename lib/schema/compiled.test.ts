import { describe, expect, it, vi } from 'vitest';
import { PullPage, PullResponse } from './api';

const at = '2026-11-28T10:00:00.000Z';
const team = 'team-care';

/** A page with one change of every synced entity, optional fields set and unset, a tombstone and a revocation. */
function page(): Record<string, unknown> {
  return {
    changes: [
      {
        entity: 'customers',
        seq: 1,
        record: {
          id: 'c1',
          version: 1,
          updatedAt: at,
          deleted: false,
          teamId: team,
          name: 'Ada Lovelace',
          identities: [
            { kind: 'email', value: 'ada@example.com' },
            { kind: 'phone', value: '+14155550100' },
          ],
          tier: 'gold',
          lifetimeValueCents: 120000,
          currency: 'EUR',
          language: 'en',
          tags: ['vip'],
          createdAt: '2020-01-01T00:00:00+02:00',
        },
      },
      // Defaults left to the schema (deleted, currency, language, tags), the value masked by policy.
      {
        entity: 'customers',
        seq: 2,
        record: {
          id: 'c2',
          version: 3,
          updatedAt: at,
          teamId: team,
          name: 'Grace',
          identities: [{ kind: 'twitter', value: 'grace' }],
          tier: 'standard',
          valueBand: 'high',
          masking: { masked: ['lifetimeValueCents'], revealable: true },
          createdAt: at,
        },
      },
      {
        entity: 'interactions',
        seq: 3,
        record: {
          id: 'i1',
          version: 1,
          updatedAt: at,
          deleted: false,
          teamId: team,
          customerId: 'c1',
          caseId: 'k1',
          channel: 'twitter',
          visibility: 'public',
          direction: 'inbound',
          text: 'Where is my order?',
          sourceUrl: 'https://x.com/someone/status/1',
          authorName: null,
          occurredAt: at,
        },
      },
      {
        entity: 'interactions',
        seq: 4,
        record: {
          id: 'i2',
          version: 1,
          updatedAt: at,
          teamId: team,
          customerId: 'c2',
          channel: 'email',
          visibility: 'private',
          direction: 'outbound',
          text: '',
          occurredAt: at,
        },
      },
      {
        entity: 'cases',
        seq: 5,
        record: {
          id: 'k1',
          version: 2,
          updatedAt: at,
          deleted: false,
          teamId: team,
          customerId: 'c1',
          subject: 'Order late',
          status: 'open',
          priority: 'high',
          channel: 'twitter',
          slaDueAt: null,
          assigneeId: null,
          tags: [],
          source: { url: null, site: 'twitter', externalId: '1', pageTitle: null },
          createdAt: at,
          notes: [{ kind: 'note', text: 'Called back', incidentId: null, createdAt: at }],
        },
        revoked: true,
      },
      {
        entity: 'articles',
        seq: 6,
        record: {
          id: 'a1',
          version: 1,
          updatedAt: at,
          deleted: false,
          owner: null,
          verifyBy: at,
          title: 'Refunds',
          body: '# Refunds\n\nWithin 30 days.',
          summary: 'Within 30 days.',
          url: 'https://help.example/refunds',
          tags: ['billing'],
          language: 'en',
          status: 'published',
          targeting: { teamIds: [team], sites: [], tags: [] },
          alsoAnswers: ['money back'],
          embedding: { model: 'use-lite', vector: `${'A'.repeat(683)}=` },
        },
      },
      {
        entity: 'snippets',
        seq: 7,
        record: {
          id: 's1',
          version: 1,
          updatedAt: at,
          deleted: true,
          title: 'Refund',
          shortcut: ';refund',
          body: 'Hi {{customer.firstName}}',
          status: 'published',
          targeting: {},
        },
      },
      {
        entity: 'broadcasts',
        seq: 8,
        record: {
          id: 'b1',
          version: 1,
          updatedAt: at,
          title: 'Outage',
          message: 'Payments are down.',
          severity: 'major',
          startsAt: at,
          endsAt: null,
          targeting: { teamIds: [], sites: ['zendesk'], tags: [] },
        },
      },
    ],
    cursor: 8,
    hasMore: true,
    server: { id: 'db-1', epoch: 'e-1', since: 8 },
  };
}

/** Every path to a value in `value`, objects' keys and arrays' indexes. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...paths(item, [...prefix, i])]);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

function edited(path: (string | number)[], edit: (holder: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(page());
  let holder = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  edit(holder, path.at(-1)!);
  return copy;
}

/** Values that break one rule or another of some field: types, lengths, formats, ranges, NUL and lone surrogates. */
const REPLACEMENTS: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  Number.MAX_SAFE_INTEGER + 2,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  'a\0b',
  '\uD800',
  'x'.repeat(65),
  'x'.repeat(301),
  ' https://x.com/a ',
  'javascript:alert(1)',
  '2026-02-30T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2026-11-28T10:00:00+15:00',
  '2026-11-28',
  'gold',
  'customers',
  'email',
  [],
  [{}],
  {},
];

/** Both parsers on their own copy of `input`: the same verdict, and the same data when it passes. */
function expectSameAnswer(input: unknown): void {
  const fast = PullPage.safeParse(structuredClone(input));
  const zod = PullResponse.safeParse(structuredClone(input));
  expect(fast.success).toBe(zod.success);
  if (fast.success && zod.success) {
    expect(fast.data).toStrictEqual(zod.data);
    // Stored records are compared as JSON (the fault schedules' cache check): the same keys in the same order.
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(zod.data));
  }
}

describe('PullPage (PullResponse compiled: lib/schema/compiled.ts)', () => {
  it("answers a valid page with zod's data, keys in zod's order, without asking zod", () => {
    const zod = vi.spyOn(PullResponse, 'safeParse');
    const fast = PullPage.safeParse(page());
    expect(zod).not.toHaveBeenCalled();
    zod.mockRestore();
    expect(fast.success).toBe(true);
    expect(fast.data).toStrictEqual(PullResponse.parse(page()));
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(PullResponse.parse(page())));
  });

  it('refuses exactly what zod refuses: every value of the page replaced by each of a set of bad and odd values', () => {
    let refused = 0;
    for (const path of paths(page())) {
      for (const replacement of REPLACEMENTS) {
        const input = edited(path, (holder, key) => {
          holder[key] = structuredClone(replacement);
        });
        expectSameAnswer(input);
        if (!PullResponse.safeParse(structuredClone(input)).success) refused++;
      }
    }
    // The set breaks most fields: a walk that let everything through would have failed above many times over.
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses exactly what zod refuses: each key removed, and an unknown key added to each object', () => {
    for (const path of paths(page())) {
      expectSameAnswer(
        edited(path, (holder, key) => {
          if (Array.isArray(holder)) holder.splice(Number(key), 1);
          else delete holder[key];
        }),
      );
      expectSameAnswer(
        edited(path, (holder, key) => {
          const value = holder[key];
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) (value as Record<string, unknown>).extra = 1;
        }),
      );
    }
  });

  it("answers zod's data where zod strips or fills in: an unknown key is dropped, a missing default is filled", () => {
    const input = page();
    const record = ((input.changes as { record: Record<string, unknown> }[])[1] as { record: Record<string, unknown> }).record;
    record.unknownField = 'dropped';
    const fast = PullPage.safeParse(input);
    expect(fast.success).toBe(true);
    const customer = (fast.data?.changes[1]?.record ?? {}) as Record<string, unknown>;
    expect(customer.unknownField).toBeUndefined();
    expect(customer.currency).toBe('USD');
    expect(customer.tags).toEqual([]);
    expect(customer.deleted).toBe(false);
  });

  it('refuses what is not a page at all, as zod does', () => {
    for (const body of [
      null,
      'text',
      42,
      [],
      {},
      { changes: 'x', cursor: 1, hasMore: false },
      { changes: [{ entity: 'unknown', seq: 1, record: {} }], cursor: 1, hasMore: false },
    ]) {
      expectSameAnswer(body);
      expect(PullPage.safeParse(body).success).toBe(false);
    }
  });
});
