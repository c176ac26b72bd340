import { describe, expect, it } from 'vitest';
import { BloomFilter } from './id-filter';

describe('BloomFilter', () => {
  it('of ids: holds every id added, and few of the ids never added', () => {
    const filter = BloomFilter.ofIds();
    const added = Array.from({ length: 50_000 }, (_, i) => `${crypto.randomUUID()}-${i}`);
    for (const id of added) filter.add(id);
    expect(added.every((id) => filter.mayHold(id))).toBe(true);
    const others = Array.from({ length: 20_000 }, () => crypto.randomUUID());
    const maybes = others.filter((id) => filter.mayHold(id)).length;
    expect(maybes).toBeLessThan(200); // ≈ 0.02% expected at 50k ids
    expect(BloomFilter.ofIds().mayHold('bint-1')).toBe(false);
  });

  it('of identity keys: holds every key added, few of the others, and the same keys when made again from its stored bits', () => {
    const filter = BloomFilter.ofIdentityKeys();
    const added = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? `email:customer${i}@example${i % 97}.com` : `phone:+1415${5_000_000 + i}`));
    for (const key of added) filter.add(key);
    expect(added.every((key) => filter.mayHold(key))).toBe(true);
    const others = Array.from({ length: 20_000 }, (_, i) => `email:stranger${i}@example.org`);
    expect(others.filter((key) => filter.mayHold(key)).length).toBeLessThan(600); // ≈ 1.7% expected at 200k keys
    const copy = BloomFilter.ofIdentityKeys(filter.bits.slice());
    expect(added.every((key) => copy.mayHold(key))).toBe(true);
    expect(BloomFilter.ofIdentityKeys().mayHold('email:a@b.c')).toBe(false);
    expect(BloomFilter.fitsIdentityKeys(new Uint8Array(10))).toBe(false);
    expect(() => BloomFilter.ofIdentityKeys(new Uint8Array(10))).toThrow();
  });

  it('takes in the keys of another (writes noted while a stored copy was read)', () => {
    const [a, b] = [BloomFilter.ofIdentityKeys(), BloomFilter.ofIdentityKeys()];
    a.add('email:a@example.com');
    b.add('phone:+14155550100');
    a.addAll(b);
    expect(a.mayHold('email:a@example.com') && a.mayHold('phone:+14155550100')).toBe(true);
  });
});
