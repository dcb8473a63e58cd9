import { Agent, request } from 'node:http';

export interface LoadFigures {
  /** Deliveries answered 200 per second. */
  rate_per_s: number;
  p50_ms: number;
  p99_ms: number;
  ok: number;
  errors: number;
  seconds: number;
}

export interface Target {
  port: number;
  path: string;
}

export type BodyMaker = (i: number) => { body: Buffer; headers: Record<string, string> };

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const round = (n: number) => Math.round(n * 100) / 100;

function post(agent: Agent, target: Target, made: ReturnType<BodyMaker>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: 'POST',
        agent,
        headers: { ...made.headers, 'content-length': String(made.body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(made.body);
  });
}

function figures(latencies: number[], ok: number, errors: number, seconds: number): LoadFigures {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rate_per_s: round(ok / seconds),
    p50_ms: round(percentile(sorted, 0.5)),
    p99_ms: round(percentile(sorted, 0.99)),
    ok,
    errors,
    seconds: round(seconds),
  };
}

/** As fast as it goes: `concurrency` clients each posting the next delivery as soon as the last one is answered. */
export async function closedLoop(
  target: Target,
  make: BodyMaker,
  opts: { concurrency: number; seconds: number; warmupSeconds: number; offset: number },
): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  let next = opts.offset;
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + opts.warmupSeconds * 1000;
  const end = measureFrom + opts.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const made = make(next++);
      const t0 = performance.now();
      const status = await post(agent, target, made);
      const t1 = performance.now();
      if (t0 < measureFrom) continue;
      if (status === 200) {
        ok += 1;
        latencies.push(t1 - t0);
      } else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  agent.destroy();
  return figures(latencies, ok, errors, (performance.now() - measureFrom) / 1000);
}

/**
 * Open loop at a fixed rate: deliveries leave on schedule whether or not earlier ones were
 * answered, and latency counts from the scheduled moment (no coordinated omission).
 */
export async function paced(
  target: Target,
  make: BodyMaker,
  opts: { ratePerSecond: number; seconds: number; offset: number },
): Promise<LoadFigures & { sent: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(opts.ratePerSecond * opts.seconds);
  const interval = 1000 / opts.ratePerSecond;
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor((now - start) / interval) + 1);
    for (; sent < due; sent++) {
      const scheduled = start + sent * interval;
      const made = make(opts.offset + sent);
      pending.push(
        post(agent, target, made).then((status) => {
          if (status === 200) {
            ok += 1;
            latencies.push(performance.now() - scheduled);
          } else errors += 1;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  agent.destroy();
  return { ...figures(latencies, ok, errors, (performance.now() - start) / 1000), sent };
}
