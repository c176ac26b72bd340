// Block keys by a 31-bit hash (`idHash`, ./id-filter.ts) of what they hold: an id (a kind's directory, ./blocks.ts) or
// an identity key (the customer blocks' key map, ./customer-key-filters.ts). An open-addressing table of typed arrays
// (≈ 4 MB at 200k entries, where a Map of the strings holds ≈ 23 MB). A hash shared by two strings, like an entry left
// by a block that no longer holds it, costs one block read that finds nothing; a string added is never missed.

export class BlockMap {
  private hashes = new Int32Array(1 << 10).fill(-1);
  private keys = new Float64Array(1 << 10);
  private count = 0;

  /** The map of these pairs (a stored copy: `entries`), sized once. */
  static of(hashes: Int32Array, keys: Float64Array): BlockMap {
    const map = new BlockMap();
    let size = map.hashes.length;
    while (size < hashes.length * 2 + 2) size *= 2;
    map.hashes = new Int32Array(size).fill(-1);
    map.keys = new Float64Array(size);
    for (let i = 0; i < hashes.length; i++) map.add(hashes[i]!, keys[i]!);
    return map;
  }

  get size(): number {
    return this.count;
  }

  /** Notes that `block` holds what hashes to `h` (a pair already noted is not noted twice). */
  add(h: number, block: number): void {
    if (this.count * 2 >= this.hashes.length) this.grow();
    const mask = this.hashes.length - 1;
    let slot = h & mask;
    for (; this.hashes[slot] !== -1; slot = (slot + 1) & mask) if (this.hashes[slot] === h && this.keys[slot] === block) return;
    this.hashes[slot] = h;
    this.keys[slot] = block;
    this.count++;
  }

  /** Adds every pair the other holds (writes noted into a map while a stored copy was being read). */
  addAll(other: BlockMap): void {
    for (let slot = 0; slot < other.hashes.length; slot++) if (other.hashes[slot] !== -1) this.add(other.hashes[slot]!, other.keys[slot]!);
  }

  private grow(): void {
    const [hashes, keys] = [this.hashes, this.keys];
    this.hashes = new Int32Array(hashes.length * 2).fill(-1);
    this.keys = new Float64Array(hashes.length * 2);
    this.count = 0;
    for (let slot = 0; slot < hashes.length; slot++) if (hashes[slot] !== -1) this.add(hashes[slot]!, keys[slot]!);
  }

  /** Adds to `into` the blocks that may hold what hashes to `h`. */
  blocksOf(h: number, into: Set<number>): void {
    const mask = this.hashes.length - 1;
    for (let slot = h & mask; this.hashes[slot] !== -1; slot = (slot + 1) & mask) if (this.hashes[slot] === h) into.add(this.keys[slot]!);
  }

  /** Every pair, as two arrays of the same length (what is stored: ≈ 12 bytes a pair). */
  entries(): { hashes: Int32Array; keys: Float64Array } {
    const [hashes, keys] = [new Int32Array(this.count), new Float64Array(this.count)];
    let i = 0;
    for (let slot = 0; slot < this.hashes.length; slot++)
      if (this.hashes[slot] !== -1) {
        hashes[i] = this.hashes[slot]!;
        keys[i++] = this.keys[slot]!;
      }
    return { hashes, keys };
  }
}
