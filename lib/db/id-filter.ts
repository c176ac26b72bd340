// A fixed-size set of ids that may answer "maybe" for an id never added (a Bloom filter, two hashes), never "no" for
// one added: 1 MiB whatever the count, where a Set of 200k uuid strings holds ≈ 23 MB of a worker's memory. At 200k
// ids ≈ 0.25% of other ids answer "maybe"; a "maybe" costs its caller one needless look-up, nothing else.

const BITS = 1 << 23;

/** Two 32-bit FNV-1a hashes of the id (different offsets), each reduced to a bit position. */
function positions(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return [(a >>> 0) % BITS, (b >>> 0) % BITS];
}

/** A 31-bit hash of an id (a small integer in V8): lib/db/blocks.ts's in-memory directory is keyed by it. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 1;
}

export class IdFilter {
  private readonly bits = new Uint8Array(BITS / 8);

  add(id: string): void {
    for (const p of positions(id)) this.bits[p >>> 3]! |= 1 << (p & 7);
  }

  /** False only for an id never added. */
  mayHold(id: string): boolean {
    return positions(id).every((p) => (this.bits[p >>> 3]! & (1 << (p & 7))) !== 0);
  }
}
