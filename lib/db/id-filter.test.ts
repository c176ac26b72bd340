import { describe, expect, it } from 'vitest';
import { IdFilter } from './id-filter';

describe('IdFilter', () => {
  it('holds every id added, and few of the ids never added', () => {
    const filter = new IdFilter();
    const added = Array.from({ length: 50_000 }, (_, i) => `${crypto.randomUUID()}-${i}`);
    for (const id of added) filter.add(id);
    expect(added.every((id) => filter.mayHold(id))).toBe(true);
    const others = Array.from({ length: 20_000 }, () => crypto.randomUUID());
    const maybes = others.filter((id) => filter.mayHold(id)).length;
    expect(maybes).toBeLessThan(200); // ≈ 0.02% expected at 50k ids
    expect(new IdFilter().mayHold('bint-1')).toBe(false);
  });
});
