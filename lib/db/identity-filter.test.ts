import { describe, expect, it } from 'vitest';
import { IdentityKeyFilter } from './identity-filter';

describe('IdentityKeyFilter', () => {
  it('holds every key added, few of the others, and the same keys when made again from its stored bits', () => {
    const filter = new IdentityKeyFilter();
    const added = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? `email:customer${i}@example${i % 97}.com` : `phone:+1415${5_000_000 + i}`));
    for (const key of added) filter.add(key);
    expect(added.every((key) => filter.mayHold(key))).toBe(true);
    const others = Array.from({ length: 20_000 }, (_, i) => `email:stranger${i}@example.org`);
    expect(others.filter((key) => filter.mayHold(key)).length).toBeLessThan(600); // ≈ 1.7% expected at 200k keys
    const copy = new IdentityKeyFilter(filter.bits.slice());
    expect(added.every((key) => copy.mayHold(key))).toBe(true);
    expect(new IdentityKeyFilter().mayHold('email:a@b.c')).toBe(false);
    expect(IdentityKeyFilter.fits(new Uint8Array(10))).toBe(false);
    expect(() => new IdentityKeyFilter(new Uint8Array(10))).toThrow();
  });

  it('takes in the keys of another (writes noted while a stored copy was read)', () => {
    const [a, b] = [new IdentityKeyFilter(), new IdentityKeyFilter()];
    a.add('email:a@example.com');
    b.add('phone:+14155550100');
    a.addAll(b);
    expect(a.mayHold('email:a@example.com') && a.mayHold('phone:+14155550100')).toBe(true);
  });
});
