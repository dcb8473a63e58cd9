import {
  ApiProcess,
  createDatabase,
  dropDatabase,
  measureRate,
  printTable,
  round,
  startApi,
  tenantWithAdmin,
  writeResult,
} from '../lib';

/**
 * Resident memory of the built API process, idle and under load, on PostgreSQL and on the embedded
 * database (where PGlite, a whole PostgreSQL in WASM, lives inside the API process).
 * Load: CONCURRENCY clients for SECONDS, cycling through authenticated tenant routes and /health.
 */
const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_MEMORY_CONCURRENCY ?? 16);
const ROUTES = ['/api/v1/tenant/settings', '/api/v1/tenant/leads', '/api/v1/tenant/crm', '/health'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(mode: 'postgresql' | 'embedded', p: ApiProcess) {
  await sleep(3000);
  const idleStart = p.rssMiB();
  const tenant = await tenantWithAdmin(p, `mem_${mode.slice(0, 5)}`);
  // A few rows so the list routes return something.
  for (let i = 0; i < 20; i++) {
    await fetch(`${p.url}/api/v1/tenant/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.token}` },
      body: JSON.stringify({ name: `Memory Lead ${i}`, phone: `+91 98${String(76540000 + i)}` }),
    });
  }
  let peak = p.rssMiB();
  const sampler = setInterval(() => (peak = Math.max(peak, p.rssMiB())), 200);
  let failures = 0;
  const load = await measureRate(
    async (i) => {
      const path = ROUTES[i % ROUTES.length];
      const res = await fetch(`${p.url}${path}`, { headers: { authorization: `Bearer ${tenant.token}` } });
      await res.arrayBuffer();
      if (!res.ok) failures += 1;
    },
    { seconds: SECONDS, concurrency: CONCURRENCY, warmupOps: 100 },
  );
  clearInterval(sampler);
  const endOfLoad = p.rssMiB();
  await sleep(5000);
  const idleAfter = p.rssMiB();
  return {
    mode,
    idle_start_mib: idleStart,
    peak_under_load_mib: peak,
    end_of_load_mib: endOfLoad,
    idle_after_5s_mib: idleAfter,
    requests_per_second: load.per_second,
    p50_ms: load.p50_ms,
    p99_ms: load.p99_ms,
    requests: load.ops,
    failures,
  };
}

async function main(): Promise<void> {
  const results = [];
  const databaseUrl = await createDatabase('memory');
  try {
    const pg = await startApi({ databaseUrl });
    try {
      results.push(await measure('postgresql', pg));
    } finally {
      await pg.stop();
    }
  } finally {
    await dropDatabase(databaseUrl);
  }
  const embedded = await startApi();
  try {
    results.push(await measure('embedded', embedded));
  } finally {
    await embedded.stop();
  }
  printTable(
    `API resident memory (MiB), idle and under ${CONCURRENCY} concurrent clients for ${SECONDS} s`,
    results.map((r) => ({
      database: r.mode,
      'idle MiB': r.idle_start_mib,
      'peak MiB': r.peak_under_load_mib,
      'after MiB': r.idle_after_5s_mib,
      'req/s': r.requests_per_second,
      'p50 ms': r.p50_ms,
      'p99 ms': r.p99_ms,
      failures: r.failures,
    })),
  );
  writeResult('memory', {
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    routes: ROUTES,
    postgresql: results[0],
    embedded: results[1],
    peak_over_idle: Object.fromEntries(
      results.map((r) => [r.mode, round(r.peak_under_load_mib / r.idle_start_mib, 2)]),
    ),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`memory benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
