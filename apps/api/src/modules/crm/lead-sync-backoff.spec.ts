import { retryDelaySeconds } from './lead-sync-backoff';

describe('retryDelaySeconds', () => {
  const mid = () => 0.5;

  it('doubles from the base and stops at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelaySeconds(n, 30, 3600, mid))).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600,
    ]);
    expect(retryDelaySeconds(40, 30, 3600, mid)).toBe(3600);
  });

  it('spreads retries by ±20% and never goes below a second or above the maximum', () => {
    expect(retryDelaySeconds(1, 100, 3600, () => 0)).toBe(80);
    expect(retryDelaySeconds(1, 100, 3600, () => 1)).toBe(120);
    expect(retryDelaySeconds(1, 1, 1, () => 0)).toBe(1);
    expect(retryDelaySeconds(10, 100, 300, () => 1)).toBe(300);
  });
});
