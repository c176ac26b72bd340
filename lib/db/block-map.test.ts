import { describe, expect, it } from 'vitest';
import { BlockMap } from './block-map';
import { idHash } from './id-filter';

describe('BlockMap', () => {
  it('answers every block noted for a hash, each pair once, through growth and a stored copy', () => {
    const map = new BlockMap();
    for (let i = 0; i < 5000; i++) map.add(idHash(`email:p${i}@example.com`), Math.floor(i / 20) + 1);
    map.add(idHash('email:p7@example.com'), 900); // moved to another block: both are answered
    map.add(idHash('email:p7@example.com'), 900);
    expect(map.size).toBe(5001);
    const blocksOf = (m: BlockMap, key: string) => {
      const into = new Set<number>();
      m.blocksOf(idHash(key), into);
      return [...into].sort((a, b) => a - b);
    };
    expect(blocksOf(map, 'email:p7@example.com')).toEqual([1, 900]);
    expect(blocksOf(map, 'email:p4999@example.com')).toEqual([250]);
    expect(blocksOf(map, 'email:nobody@example.com')).toEqual([]);
    const stored = map.entries();
    expect(BlockMap.fits(stored)).toBe(true);
    expect(stored.blocks).toHaveLength(251);
    expect(BlockMap.fits({ ...stored, counts: stored.counts.slice(1) })).toBe(false);
    const copy = BlockMap.of(stored);
    expect(copy.size).toBe(5001);
    expect(blocksOf(copy, 'email:p7@example.com')).toEqual([1, 900]);
    const later = new BlockMap();
    later.add(idHash('email:new@example.com'), 1000);
    copy.addAll(later);
    expect(blocksOf(copy, 'email:new@example.com')).toEqual([1000]);
  });
});
