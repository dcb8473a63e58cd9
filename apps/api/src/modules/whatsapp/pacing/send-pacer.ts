import { TokenBucket } from './token-bucket';

export interface PacingOptions {
  /** Messages per second per business phone number (Meta: 80 by default). */
  maxMpsPerNumber: number;
  /** One message per this many ms to the same user once the burst is spent (Meta: 6 s). */
  pairIntervalMs: number;
  /** Messages to one user that may go out back to back (Meta allows up to 45, borrowed). */
  pairBurst: number;
  /** The longest a send may wait for its turn before it is handed back as `retry`. */
  maxWaitMs: number;
}

export type PacingDecision =
  { kind: 'go'; waitMs: number } | { kind: 'later'; retryAfterMs: number; scope: 'number' | 'recipient' };

/** Sweep idle recipient buckets after this many new ones, so the map stays small. */
const SWEEP_EVERY = 5_000;

/**
 * Paces sends the way Meta limits them: a token bucket per business number (throughput, error
 * 130429) and one per number and recipient (pair rate limit, error 131056). The buckets live in
 * this process only: with several worker processes each paces on its own, so set the per-number
 * rate to Meta's limit divided by the number of processes; Meta's own 130429/131056 answers are
 * still handled (retry, and the bucket is held for the advised time). One user's messages are
 * handled one at a time by the pipeline, which keeps the per-recipient bucket close to exact.
 */
export class SendPacer {
  private readonly numbers = new Map<string, TokenBucket>();
  private readonly recipients = new Map<string, TokenBucket>();
  private createdSinceSweep = 0;

  constructor(
    private readonly options: PacingOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Reserves a slot for one message, or says how long to come back after. Synchronous and cheap. */
  decide(phoneNumberId: string, recipient: string): PacingDecision {
    const now = this.clock();
    const pair = this.recipientBucket(phoneNumberId, recipient, now);
    const forPair = pair.reserve(now, this.options.maxWaitMs);
    if ('deniedForMs' in forPair)
      return { kind: 'later', retryAfterMs: forPair.deniedForMs, scope: 'recipient' };
    const forNumber = this.numberBucket(phoneNumberId, now).reserve(now, this.options.maxWaitMs);
    if ('deniedForMs' in forNumber) {
      pair.release();
      return { kind: 'later', retryAfterMs: forNumber.deniedForMs, scope: 'number' };
    }
    return { kind: 'go', waitMs: Math.max(forPair.waitMs, forNumber.waitMs) };
  }

  /**
   * Meta answered 130429 (number) or 131056 (pair) to a send this pacer let through: that send's
   * slot is given back (it will be sent again) and nothing goes there for `ms`.
   */
  holdOff(scope: 'number' | 'recipient', phoneNumberId: string, recipient: string, ms: number): void {
    const now = this.clock();
    const bucket =
      scope === 'number'
        ? this.numberBucket(phoneNumberId, now)
        : this.recipientBucket(phoneNumberId, recipient, now);
    bucket.release();
    bucket.holdFor(ms, now);
  }

  /** How many recipient buckets are held (for tests and the benchmark). */
  get trackedRecipients(): number {
    return this.recipients.size;
  }

  private numberBucket(phoneNumberId: string, now: number): TokenBucket {
    let bucket = this.numbers.get(phoneNumberId);
    if (!bucket) {
      // Capacity = one second of throughput: a burst never exceeds Meta's per-second figure.
      const mps = this.options.maxMpsPerNumber;
      bucket = new TokenBucket(mps / 1000, mps, now);
      this.numbers.set(phoneNumberId, bucket);
    }
    return bucket;
  }

  private recipientBucket(phoneNumberId: string, recipient: string, now: number): TokenBucket {
    const key = `${phoneNumberId}\u0000${recipient}`;
    let bucket = this.recipients.get(key);
    if (!bucket) {
      if (++this.createdSinceSweep >= SWEEP_EVERY) this.sweep(now);
      bucket = new TokenBucket(1 / this.options.pairIntervalMs, this.options.pairBurst, now);
      this.recipients.set(key, bucket);
    }
    return bucket;
  }

  private sweep(now: number): void {
    this.createdSinceSweep = 0;
    for (const [key, bucket] of this.recipients) if (bucket.isFull(now)) this.recipients.delete(key);
  }
}
