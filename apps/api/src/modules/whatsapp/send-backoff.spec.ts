import { MAX_RETRY_AFTER_MS, retryDelayMs } from './send-backoff';

describe('retryDelayMs', () => {
  it('follows Retry-After, capped', () => {
    expect(retryDelayMs('number', 5, 2500)).toBe(2500);
    expect(retryDelayMs(null, 0, 10 * 60_000)).toBe(MAX_RETRY_AFTER_MS);
  });

  it("waits 4^X seconds after Meta's pair rate limit", () => {
    expect([0, 1, 2, 3].map((x) => retryDelayMs('recipient', x, null))).toEqual([1000, 4000, 16_000, 64_000]);
    expect(retryDelayMs('recipient', 9, null)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('backs off exponentially with jitter otherwise, capped at a minute', () => {
    expect(retryDelayMs('number', 0, null, () => 0)).toBe(500);
    expect(retryDelayMs('number', 0, null, () => 1)).toBe(1000);
    expect(retryDelayMs(null, 3, null, () => 1)).toBe(8000);
    expect(retryDelayMs(null, 30, null, () => 1)).toBe(60_000);
  });
});
