/**
 * A token bucket per key: `capacity` queries at once, refilled at `perHour`. The mediator's
 * derived answers are rate-limited with it, so a red line cannot be mapped out by a burst of
 * probing queries. The clock is passed in so tests can step time.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    readonly capacity: number,
    readonly perHour: number,
    private readonly now: () => number,
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds until one is free. */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    const refill = ((t - b.at) / 3_600_000) * this.perHour;
    b.tokens = Math.min(this.capacity, b.tokens + refill);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / this.perHour) * 3600);
  }
}
