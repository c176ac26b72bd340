// Block keys by a 31-bit hash (`idHash`, ./id-filter.ts) of what they hold: an id (a kind's directory, ./blocks.ts) or
// an identity key (the customer blocks' key map, ./customer-key-filters.ts). An open-addressing table of typed arrays
// (≈ 4 MB at 200k entries, where a Map of the strings holds ≈ 23 MB). A hash shared by two strings, like an entry left
// by a block that no longer holds it, costs one block read that finds nothing; a string added is never missed.

export class BlockMap {
  private hashes = new Int32Array(1 << 10).fill(-1);
  private keys = new Float64Array(1 << 10);
  private count = 0;

  /** The map of a stored copy (`entries`), sized once. */
  static of({ hashes, blocks, counts }: BlockMapEntries): BlockMap {
    const map = new BlockMap();
    let size = map.hashes.length;
    while (size < hashes.length * 2 + 2) size *= 2;
    map.hashes = new Int32Array(size).fill(-1);
    map.keys = new Float64Array(size);
    for (let b = 0, i = 0; b < blocks.length; b++) for (const end = i + counts[b]!; i < end; i++) map.add(hashes[i]!, blocks[b]!);
    return map;
  }

  /** Whether a stored value is a copy `of` can read. */
  static fits(value: unknown): value is BlockMapEntries {
    if (typeof value !== 'object' || value === null) return false;
    const { hashes, blocks, counts } = value as Partial<BlockMapEntries>;
    return (
      hashes instanceof Int32Array &&
      blocks instanceof Float64Array &&
      counts instanceof Uint32Array &&
      blocks.length === counts.length &&
      counts.reduce((n, c) => n + c, 0) === hashes.length
    );
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

  /**
   * Every pair, grouped by block: each block's key and count once, then the hashes in block order (≈ 4 bytes a pair
   * and 12 a block, where pairs of a hash and a key were 12 a pair: a worker's start reads it whole).
   */
  entries(): BlockMapEntries {
    const byBlock = new Map<number, number[]>();
    for (let slot = 0; slot < this.hashes.length; slot++)
      if (this.hashes[slot] !== -1) {
        const list = byBlock.get(this.keys[slot]!);
        if (list) list.push(this.hashes[slot]!);
        else byBlock.set(this.keys[slot]!, [this.hashes[slot]!]);
      }
    const [hashes, blocks, counts] = [new Int32Array(this.count), new Float64Array(byBlock.size), new Uint32Array(byBlock.size)];
    let [b, i] = [0, 0];
    for (const [block, list] of byBlock) {
      blocks[b] = block;
      counts[b++] = list.length;
      hashes.set(list, i);
      i += list.length;
    }
    return { hashes, blocks, counts };
  }
}

/** A BlockMap as stored: `counts[b]` hashes of `hashes`, in order, for block `blocks[b]`. */
export interface BlockMapEntries {
  hashes: Int32Array;
  blocks: Float64Array;
  counts: Uint32Array;
}
