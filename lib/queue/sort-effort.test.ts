import { describe, expect, it } from 'vitest';
import { customerEffort } from '../effort/effort';
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
