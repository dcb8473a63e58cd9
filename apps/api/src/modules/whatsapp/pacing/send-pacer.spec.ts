import { SendPacer } from './send-pacer';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('spends its burst, then hands out reservations in order, then refuses beyond the wait', () => {
    const bucket = new TokenBucket(1 / 100, 2, 0); // one token per 100 ms, burst 2
    expect(bucket.reserve(0, 150)).toEqual({ waitMs: 0 });
    expect(bucket.reserve(0, 150)).toEqual({ waitMs: 0 });
    expect(bucket.reserve(0, 150)).toEqual({ waitMs: 100 });
    expect(bucket.reserve(0, 150)).toEqual({ deniedForMs: 200 });
    expect(bucket.reserve(250, 150)).toEqual({ waitMs: 0 });
  });

  it('holds off for as long as it is told', () => {
    const bucket = new TokenBucket(1 / 100, 5, 0);
    bucket.holdFor(1000, 0);
    expect(bucket.reserve(0, 0)).toEqual({ deniedForMs: 1000 });
    expect(bucket.reserve(999, 0)).toEqual({ deniedForMs: 1 });
    expect(bucket.reserve(1000, 0)).toEqual({ waitMs: 0 });
  });
});

describe('SendPacer', () => {
  let now = 0;
  const pacer = (overrides: Partial<ConstructorParameters<typeof SendPacer>[0]> = {}) =>
    new SendPacer(
      { maxMpsPerNumber: 80, pairIntervalMs: 6000, pairBurst: 3, maxWaitMs: 2000, ...overrides },
      () => now,
    );
  beforeEach(() => (now = 1_000_000));

  it('lets 80 messages a second out of one number, then spaces them 12.5 ms apart', () => {
    const p = pacer({ pairBurst: 45 });
    for (let i = 0; i < 80; i++) expect(p.decide('n1', `user${i}`)).toEqual({ kind: 'go', waitMs: 0 });
    expect(p.decide('n1', 'userX')).toEqual({ kind: 'go', waitMs: 13 });
    expect(p.decide('n1', 'userY')).toEqual({ kind: 'go', waitMs: 25 });
    // Another number has its own budget.
    expect(p.decide('n2', 'user0')).toEqual({ kind: 'go', waitMs: 0 });
  });

  it('answers `later` past the longest wait, scoped to the number', () => {
    const p = pacer({ maxMpsPerNumber: 1, maxWaitMs: 500 });
    expect(p.decide('n1', 'a')).toMatchObject({ kind: 'go' });
    expect(p.decide('n1', 'b')).toEqual({ kind: 'later', retryAfterMs: 1000, scope: 'number' });
    // The refused send did not eat the user's pair budget.
    now += 1000;
    expect(p.decide('n1', 'b')).toEqual({ kind: 'go', waitMs: 0 });
  });

  it("keeps Meta's pair limit: a burst, then one message per 6 s to the same user", () => {
    const p = pacer();
    for (let i = 0; i < 3; i++) expect(p.decide('n1', 'ana')).toEqual({ kind: 'go', waitMs: 0 });
    expect(p.decide('n1', 'ana')).toEqual({ kind: 'later', retryAfterMs: 6000, scope: 'recipient' });
    expect(p.decide('n1', 'bob')).toEqual({ kind: 'go', waitMs: 0 });
    now += 4500;
    expect(p.decide('n1', 'ana')).toEqual({ kind: 'go', waitMs: 1500 });
  });

  it("holds a user or a number off after Meta's 131056 / 130429", () => {
    const p = pacer();
    p.holdOff('recipient', 'n1', 'ana', 16_000);
    expect(p.decide('n1', 'ana')).toEqual({ kind: 'later', retryAfterMs: 16_000, scope: 'recipient' });
    expect(p.decide('n1', 'bob')).toMatchObject({ kind: 'go' });
    p.holdOff('number', 'n1', '', 1500);
    expect(p.decide('n1', 'bob')).toEqual({ kind: 'go', waitMs: 1500 });
  });

  it('forgets idle users so memory stays bounded', () => {
    const p = pacer();
    for (let i = 0; i < 6000; i++) {
      p.decide('n1', `user${i}`);
      now += 100;
    }
    // Sweeps run every 5,000 new users and drop the ones whose bucket has refilled.
    expect(p.trackedRecipients).toBeLessThan(6000);
  });
});
