// A Bloom filter of identity keys ("email:a@b.c"): never "no" for a key added, "maybe" for ≈ 1.7% of others at 200k
// keys (2^21 bits, three positions a key). 256 kB whatever the count, so it is stored as one value (a worker's start
// reads it back in one request instead of the customers' keys) and copied whole.

const BITS = 1 << 21;
const HASHES = 3;

/** Two 32-bit FNV-1a hashes of the key (different offsets); positions are h1 + i·h2 (double hashing). */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return [a >>> 0, (b >>> 0) | 1];
}

export class IdentityKeyFilter {
  readonly bits: Uint8Array;

  /**
   * Empty, or on a stored copy's bits, which it keeps and changes (not copied: a start reads them once; a copy of a
   * wrong size is refused: the caller rebuilds).
   */
  constructor(bits?: Uint8Array) {
    if (bits && bits.length !== BITS / 8) throw new Error(`identity-key filter of ${bits.length} bytes, ${BITS / 8} expected`);
    this.bits = bits ?? new Uint8Array(BITS / 8);
  }

  static fits(bits: unknown): bits is Uint8Array {
    return bits instanceof Uint8Array && bits.length === BITS / 8;
  }

  add(key: string): void {
    const [h1, h2] = hashes(key);
    for (let i = 0; i < HASHES; i++) {
      const p = (h1 + Math.imul(i, h2)) >>> 0;
      const bit = p & (BITS - 1);
      this.bits[bit >>> 3]! |= 1 << (bit & 7);
    }
  }

  /** False only for a key never added. */
  mayHold(key: string): boolean {
    const [h1, h2] = hashes(key);
    for (let i = 0; i < HASHES; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) & (BITS - 1);
      if ((this.bits[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }

  /** Adds every key the other holds (writes noted into a filter while its stored copy was being read). */
  addAll(other: IdentityKeyFilter): void {
    for (let i = 0; i < this.bits.length; i++) this.bits[i]! |= other.bits[i]!;
  }
}
