/**
 * A token bucket that hands out reservations: a caller that may wait gets a token now and the
 * time to wait before using it (the balance goes negative), so concurrent callers queue up in
 * order instead of all waking at once. Time is passed in, which keeps the arithmetic testable.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    /** Tokens added per millisecond. */
    private readonly ratePerMs: number,
    /** The most tokens that can be saved up (the burst). */
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /**
   * Takes one token when it is available within `maxWaitMs`: returns how long to wait before
   * using it (0: now). Otherwise takes nothing and returns `{ denied }` with the wait it would need.
   */
  reserve(now: number, maxWaitMs: number): { waitMs: number } | { deniedForMs: number } {
    this.refill(now);
    const waitMs = this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.ratePerMs);
    if (waitMs > maxWaitMs) return { deniedForMs: waitMs };
    this.tokens -= 1;
    return { waitMs };
  }

  /** Gives back a reservation that will not be used. */
  release(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** Empties the bucket so that the next token comes only after `ms` (Meta said: slow down). */
  holdFor(ms: number, now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 1 - ms * this.ratePerMs);
  }

  /** Full and idle: forgetting it changes nothing. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.ratePerMs);
      this.updatedAt = now;
    }
  }
}
