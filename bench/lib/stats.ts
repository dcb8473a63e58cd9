/** The p-th percentile (0-100) of `values` by nearest rank; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface Rate {
  ops: number;
  seconds: number;
  per_second: number;
  p50_ms: number;
  p99_ms: number;
}

/**
 * Runs `op` from `concurrency` loops for `seconds` (after `warmupOps` unmeasured calls) and
 * reports throughput and latency.
 */
export async function measureRate(
  op: (i: number) => Promise<unknown>,
  {
    seconds = 3,
    concurrency = 1,
    warmupOps = 50,
  }: { seconds?: number; concurrency?: number; warmupOps?: number } = {},
): Promise<Rate> {
  for (let i = 0; i < warmupOps; i++) await op(i);
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    ops: latencies.length,
    seconds: round(elapsed, 2),
    per_second: round(latencies.length / elapsed, 0),
    p50_ms: round(percentile(latencies, 50), 3),
    p99_ms: round(percentile(latencies, 99), 3),
  };
}
