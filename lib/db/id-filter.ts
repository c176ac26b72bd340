// A fixed-size set of ids that may answer "maybe" for an id never added (a Bloom filter, two hashes), never "no" for
// one added: 1 MiB whatever the count, where a Set of 200k uuid strings holds ≈ 23 MB of a worker's memory. At 200k
// ids ≈ 0.25% of other ids answer "maybe"; a "maybe" costs its caller one needless look-up, nothing else.

const BITS = 1 << 23;

/** Two bit positions from the id's 31-bit hash (the second mixed from the first), so a stored hash can be added. */
function positions(h: number): [number, number] {
  return [h % BITS, (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0) % BITS];
}

/** A 31-bit hash of an id (a small integer in V8): lib/db/blocks.ts's in-memory directory is keyed by it. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b); // mixed, so that ids differing in a character spread over all bits
  return (h ^ (h >>> 13)) >>> 1;
}

export class IdFilter {
  private readonly bits = new Uint8Array(BITS / 8);

  add(id: string): void {
    this.addHash(idHash(id));
  }

  /** An id known by its `idHash` only (the blocks' directory, lib/db/blocks.ts). */
  addHash(h: number): void {
    for (const p of positions(h)) this.bits[p >>> 3]! |= 1 << (p & 7);
  }

  /** False only for an id never added. */
  mayHold(id: string): boolean {
    return positions(idHash(id)).every((p) => (this.bits[p >>> 3]! & (1 << (p & 7))) !== 0);
  }
}
