import { describe, expect, it } from 'vitest';
import { customerEffort } from '../effort/effort';
import { applyFilters, facetCounts, NO_FILTERS } from './filters';
import { orderRows, sortByEffort } from './sort-effort';

const at = (h: number) => new Date(Date.parse('2026-11-20T12:00:00.000Z') - h * 3_600_000).toISOString();
const inbound = (channel: 'email' | 'twitter' | 'chat', h: number, caseId: string) => ({ channel, occurredAt: at(h), caseId, direction: 'inbound' as const });

describe('the queue sorted by effort', () => {
  it('puts the customer who wrote three times on two channels before one who wrote once, keeping the order among equals', () => {
    const rows = [
      { id: 'calm-1', effort: customerEffort([inbound('chat', 1, 'calm-1')]) },
      { id: 'tired', effort: customerEffort([inbound('email', 40, 'tired'), inbound('email', 20, 'tired'), inbound('twitter', 2, 'tired')]) },
      { id: 'calm-2', effort: customerEffort([inbound('email', 3, 'calm-2')]) },
      { id: 'unknown', effort: undefined },
    ];
    expect(sortByEffort(rows, (r) => r.effort).map((r) => r.id)).toEqual(['tired', 'calm-1', 'calm-2', 'unknown']);
  });

  it('leaves the queue’s own order alone until the agent picks "Most effort first"', () => {
    const rows = [
      { id: 'due-first', effort: null },
      { id: 'tired', effort: customerEffort([inbound('email', 40, 'tired'), inbound('twitter', 2, 'tired')]) },
    ];
    expect(orderRows(rows, 'deadline').map((r) => r.id)).toEqual(['due-first', 'tired']);
    expect(orderRows(rows, 'effort').map((r) => r.id)).toEqual(['tired', 'due-first']);
  });
});

describe('the queue filtered by effort', () => {
  const base = { teamId: 'team-care', status: 'open' as const, assigneeId: null, tags: [], customerValueBand: null };
  const rows = [
    // Asked twice on email about the same case: a repeat, not 3 contacts, no switch.
    { ...base, id: 'again', channel: 'email' as const, effort: customerEffort([inbound('email', 30, 'again'), inbound('email', 5, 'again')]) },
    // Email, then X, then email: three contacts, two switches, two repeats.
    {
      ...base,
      id: 'hopper',
      channel: 'twitter' as const,
      effort: customerEffort([inbound('email', 40, 'hopper'), inbound('twitter', 20, 'hopper'), inbound('email', 2, 'hopper')]),
    },
    { ...base, id: 'once', channel: 'chat' as const, effort: customerEffort([inbound('chat', 1, 'once')]) },
    { ...base, id: 'silent', channel: 'chat' as const, effort: null },
  ];
  const ids = (list: { id: string }[]) => list.map((r) => r.id);

  it('keeps repeat contacts, three or more contacts, or channel switchers', () => {
    expect(ids(applyFilters(rows, { ...NO_FILTERS, effort: 'repeat' }, null))).toEqual(['again', 'hopper']);
    expect(ids(applyFilters(rows, { ...NO_FILTERS, effort: 'three-plus' }, null))).toEqual(['hopper']);
    expect(ids(applyFilters(rows, { ...NO_FILTERS, effort: 'switched' }, null))).toEqual(['hopper']);
    expect(ids(applyFilters(rows, NO_FILTERS, null))).toEqual(['again', 'hopper', 'once', 'silent']);
  });

  it('counts a case under every kind of effort it shows, with the other filters applied', () => {
    expect(Object.fromEntries(facetCounts(rows, NO_FILTERS, null).effort)).toEqual({ repeat: 2, 'three-plus': 1, switched: 1 });
    expect(Object.fromEntries(facetCounts(rows, { ...NO_FILTERS, channel: 'email' }, null).effort)).toEqual({ repeat: 1 });
    // The effort filter narrows the other facets' counts.
    expect(Object.fromEntries(facetCounts(rows, { ...NO_FILTERS, effort: 'switched' }, null).channel)).toEqual({ twitter: 1 });
  });
});
