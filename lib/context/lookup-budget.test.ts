import { describe, expect, it } from 'vitest';
import { createLookupBudget, LOOKUPS_PER_MINUTE } from './lookup-budget';

function clock() {
  let ms = Date.parse('2026-11-20T09:00:00.000Z');
  return { now: () => new Date(ms), advance: (by: number) => void (ms += by) };
}

describe('the per-tab lookup budget', () => {
  it('lets a tab look up five distinct people a minute, the same person again for free, then nobody new', () => {
    const { now } = clock();
    const budget = createLookupBudget({ now });
    expect(LOOKUPS_PER_MINUTE).toBe(5);
    for (let i = 0; i < 5; i++) expect(budget.allows(1, `email:p${i}@example.com`)).toBe(true);
    expect(budget.allows(1, 'email:p0@example.com')).toBe(true);
    expect(budget.allows(1, 'email:p5@example.com')).toBe(false);
    // Another tab has its own budget.
    expect(budget.allows(2, 'email:p5@example.com')).toBe(true);
  });

  it('recovers as each lookup becomes a minute old', () => {
    const { now, advance } = clock();
    const budget = createLookupBudget({ now });
    budget.allows(1, 'a');
    advance(30_000);
    for (const person of ['b', 'c', 'd', 'e']) budget.allows(1, person);
    expect(budget.allows(1, 'f')).toBe(false);
    advance(29_999);
    expect(budget.allows(1, 'f')).toBe(false);
    advance(1);
    expect(budget.allows(1, 'f')).toBe(true);
    expect(budget.allows(1, 'g')).toBe(false);
  });
});
