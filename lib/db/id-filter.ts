// A fixed-size set of strings that may answer "maybe" for one never added (a Bloom filter), never "no" for one added,
// over the strings' 31-bit `idHash`. Two sizes: the ids a kind's rows or blocks may hold (lib/db/blocks.ts: 1 MiB, two
// positions; ≈ 0.25% "maybe" for other ids at 200k, where a Set of 200k uuid strings holds ≈ 23 MB of a worker's
// memory) and the identity keys the customer rows may hold (./customer-key-filters.ts: 256 kB, three positions,
// ≈ 1.7% at 200k keys; stored whole and read back in one request). A "maybe" costs its caller one needless look-up.

/** A 31-bit hash of an id (a small integer in V8): lib/db/blocks.ts's in-memory directory is keyed by it. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b); // mixed, so that ids differing in a character spread over all bits
  return (h ^ (h >>> 13)) >>> 1;
}

export class BloomFilter {
  readonly bits: Uint8Array;
  private readonly mask: number;

  /**
   * Empty, or on a stored copy's bits, which it keeps and changes (not copied: a start reads them once; a copy of
   * another size is refused: the caller rebuilds).
   */
  private constructor(
    log2Bits: number,
    private readonly positions: number,
    bits?: Uint8Array,
  ) {
    const bytes = 2 ** log2Bits / 8;
    if (bits && bits.length !== bytes) throw new Error(`filter of ${bits.length} bytes, ${bytes} expected`);
    this.bits = bits ?? new Uint8Array(bytes);
    this.mask = 2 ** log2Bits - 1;
  }

  /** The ids a kind's rows or blocks may hold (2^23 bits, two positions). */
  static ofIds(): BloomFilter {
    return new BloomFilter(23, 2);
  }

  /** The identity keys the customer rows may hold (2^21 bits, three positions), empty or on a stored copy's bits. */
  static ofIdentityKeys(bits?: Uint8Array): BloomFilter {
    return new BloomFilter(21, 3, bits);
  }

  /** Whether these are the bits of an identity-key filter (a stored copy's, checked before it is trusted). */
  static fitsIdentityKeys(bits: unknown): bits is Uint8Array {
    return bits instanceof Uint8Array && bits.length === 2 ** 21 / 8;
  }

  add(s: string): void {
    this.addHash(idHash(s));
  }

  /** A string known by its `idHash` only (the blocks' directory, lib/db/blocks.ts). */
  addHash(h: number): void {
    const step = this.step(h);
    for (let i = 0, p = h; i < this.positions; i++, p = (p + step) >>> 0) this.bits[(p & this.mask) >>> 3]! |= 1 << (p & 7);
  }

  /** False only for a string never added. */
  mayHold(s: string): boolean {
    const h = idHash(s);
    const step = this.step(h);
    for (let i = 0, p = h; i < this.positions; i++, p = (p + step) >>> 0) if ((this.bits[(p & this.mask) >>> 3]! & (1 << (p & 7))) === 0) return false;
    return true;
  }

  /** Adds every string the other holds (writes noted into a filter while its stored copy was being read). */
  addAll(other: BloomFilter): void {
    for (let i = 0; i < this.bits.length; i++) this.bits[i]! |= other.bits[i]!;
  }

  /** The distance between positions (double hashing), mixed from the hash; odd, so positions differ. */
  private step(h: number): number {
    return (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0) | 1;
  }
}
