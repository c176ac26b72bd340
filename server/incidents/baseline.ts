/**
 * Exponentially decayed counts of keys (terms, pairs of terms) and of all observations, kept lazily: each addition
 * is weighted 2^(t/halfLife) against a reference time instead of decaying every entry on every contact, so a share
 * (count of a key / count of everything) costs one lookup. Entries too faded to matter are swept now and then.
 */
export class DecayedCounts {
  private readonly weights = new Map<string, number>();
  private total = 0;
  private reference: number | null = null;
  private added = 0;

  constructor(private readonly halfLifeMs: number) {}

  /** One observation at `at` (epoch ms) carrying `keys`. */
  add(at: number, keys: Iterable<string>): void {
    this.reference ??= at;
    let scale = 2 ** ((at - this.reference) / this.halfLifeMs);
    // Re-base long before the scale overflows.
    if (scale > 1e12) {
      for (const [key, w] of this.weights) this.weights.set(key, w / scale);
      this.total /= scale;
      this.reference = at;
      scale = 1;
    }
    this.total += scale;
    for (const key of keys) this.weights.set(key, (this.weights.get(key) ?? 0) + scale);
    if (++this.added % 1000 === 0) this.sweep(scale);
  }

  /** The decayed share of observations carrying `key` (0 when none has). */
  share(key: string): number {
    return this.total > 0 ? (this.weights.get(key) ?? 0) / this.total : 0;
  }

  get size(): number {
    return this.weights.size;
  }

  /** Forgets keys whose weight has faded below a hundredth of one fresh observation. */
  private sweep(scale: number): void {
    for (const [key, w] of this.weights) if (w < scale / 100) this.weights.delete(key);
  }
}
