/** The longest the sender ever asks the pipeline to wait before trying a message again. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * How long to wait before attempt `attempt + 1` (`attempt` = failures so far, from 0). Meta's
 * own advice wins: a Retry-After header, and for its pair rate limit (131056) 4^X seconds.
 * Otherwise exponential from one second, capped at a minute, jittered between half and all of it
 * so that many senders throttled together do not come back together.
 */
export function retryDelayMs(
  scope: 'number' | 'recipient' | null,
  attempt: number,
  retryAfterHeaderMs: number | null,
  random: () => number = Math.random,
): number {
  if (retryAfterHeaderMs !== null) return Math.min(MAX_RETRY_AFTER_MS, Math.max(retryAfterHeaderMs, 0));
  if (scope === 'recipient') return Math.min(MAX_RETRY_AFTER_MS, 1000 * 4 ** Math.min(attempt, 6));
  const ceiling = Math.min(60_000, 1000 * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
