/**
 * Seconds until the next attempt to write a lead to the CRM: doubling from `base` up to `max`,
 * with ±20% jitter so leads that failed together do not all come back together.
 */
export function retryDelaySeconds(
  attempt: number,
  base: number,
  max: number,
  random: () => number = Math.random,
): number {
  const exponential = base * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(max, exponential);
  const jittered = capped * (0.8 + 0.4 * random());
  return Math.max(1, Math.min(max, Math.round(jittered)));
}
