import { ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { BodyMaker, closedLoop, LoadFigures, paced } from '../lib/load';

/**
 * Signed WhatsApp webhook deliveries acknowledged per second (stored and enqueued, then 200) by
 * the real API on PostgreSQL and on the embedded database, next to a bare endpoint of the same
 * Nest/Express stack that stores nothing, all in one run; then each at a paced 1,000 per second
 * for p99. Servers run in child processes; this process only generates load.
 */
const ROOT = resolve(__dirname, '../../..');
const RESULTS = join(ROOT, 'bench/results');
const SECRET = 'bench-app-secret-' + randomBytes(8).toString('hex');
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 1000);
const USERS = 200;
/** Which targets to run (all by default), e.g. BENCH_TARGETS=postgres for profiling. */
const TARGETS = new Set((process.env.BENCH_TARGETS ?? 'bare,postgres,embedded').split(','));
const ADMIN = { email: 'bench@parley.local', password: 'bench-password-' + randomBytes(6).toString('hex') };

interface Running {
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolveFn) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolveFn(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startProcess(
  script: string,
  env: Record<string, string>,
  readyPath: string,
): Promise<Running> {
  const port = await freePort();
  // BENCH_NODE_ARGS (e.g. --cpu-prof) goes to the servers, for profiling.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHttp(`http://127.0.0.1:${port}${readyPath}`, child);
  return {
    port,
    stop: () =>
      new Promise<void>((resolveFn) => {
        if (child.exitCode !== null) return resolveFn();
        child.once('exit', () => resolveFn());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
      }),
  };
}

function apiEnv(dataDir: string, databaseUrl?: string): Record<string, string> {
  return {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    FB_APP_SECRET: SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ADMIN_RATE_LIMIT_PER_MINUTE: '100000',
    // Ingest only: what is measured is "stored and enqueued", not the replies.
    RUN_WORKERS: 'false',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

async function json(
  port: number,
  path: string,
  method: string,
  body: unknown,
  token?: string,
): Promise<{ access_token?: string } | null> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as { access_token?: string }) : null;
}

/** A tenant with a WhatsApp number, made through the API as an operator would. */
async function provisionTenant(port: number, phoneNumberId: string): Promise<void> {
  const root = (await json(port, '/api/v1/auth/login', 'POST', ADMIN))?.access_token ?? '';
  await json(port, '/api/v1/admin/tenants', 'POST', { id: 'bench', name: 'Bench' }, root);
  const user = { email: 'bench-tenant@parley.local', password: 'bench-tenant-password' };
  await json(port, '/api/v1/admin/tenants/bench/users', 'POST', user, root);
  const token = (await json(port, '/api/v1/auth/login', 'POST', user))?.access_token ?? '';
  await json(
    port,
    '/api/v1/tenant/config',
    'POST',
    { phone_number_id: phoneNumberId, access_token: 'EAAG' + randomBytes(24).toString('hex') },
    token,
  );
}

/** One signed delivery per call: a text message with a fresh wamid from one of USERS users. */
function deliveries(phoneNumberId: string, run: string): BodyMaker {
  return (i) => {
    const waId = `91980000${String(i % USERS).padStart(4, '0')}`;
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
                contacts: [{ profile: { name: `User ${i % USERS}` }, wa_id: waId }],
                messages: [
                  {
                    from: waId,
                    id: `wamid.${run}${i.toString(36).padStart(8, '0')}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: `Hello, this is message ${i}` },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const body = Buffer.from(JSON.stringify(payload));
    const signature = 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex');
    return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature } };
  };
}

interface TargetResult {
  max: LoadFigures;
  paced: LoadFigures & { sent: number };
  stored?: number;
}

async function measure(port: number, make: BodyMaker): Promise<TargetResult> {
  const target = { port, path: '/webhooks/whatsapp' };
  const max = await closedLoop(target, make, {
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    warmupSeconds: 1,
    offset: 0,
  });
  await new Promise((r) => setTimeout(r, 1000));
  const pacedRun = await paced(target, make, {
    ratePerSecond: PACED_RATE,
    seconds: SECONDS,
    offset: 10_000_000,
  });
  return { max, paced: pacedRun };
}

async function benchApi(label: string, databaseUrl: string | undefined, storedCount: () => Promise<number>) {
  const dataDir = mkdtempSync(join(tmpdir(), `parley-bench-${label}-`));
  const api = await startProcess(
    join(ROOT, 'apps/api/dist/main.js'),
    apiEnv(dataDir, databaseUrl),
    '/health/live',
  );
  try {
    const phoneNumberId = `55${Date.now()}`;
    await provisionTenant(api.port, phoneNumberId);
    const result: TargetResult = await measure(api.port, deliveries(phoneNumberId, label));
    await api.stop();
    result.stored = await storedCount().catch(() => NaN);
    return result;
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<TargetResult> {
  const dbName = `parley_bench_${Date.now()}`;
  const adminDb = new Client({ connectionString: PG_ADMIN_URL });
  await adminDb.connect();
  await adminDb.query(`CREATE DATABASE ${dbName}`);
  const pgUrl = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  try {
    return await benchApi('postgres', pgUrl, async () => {
      const c = new Client({ connectionString: pgUrl });
      await c.connect();
      const rows = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages`);
      await c.end();
      return rows.rows[0].n;
    });
  } finally {
    await adminDb.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await adminDb.end();
  }
}

async function benchBare(): Promise<TargetResult> {
  const bare = await startProcess(join(__dirname, 'bare-server.js'), { FB_APP_SECRET: SECRET }, '/nothing');
  try {
    return await measure(bare.port, deliveries('1', 'bare'));
  } finally {
    await bare.stop();
  }
}

async function main(): Promise<void> {
  const startLoad = loadavg().map((n) => Math.round(n * 100) / 100);
  process.stdout.write(
    `webhook bench: concurrency ${CONCURRENCY}, ${SECONDS} s per run, paced at ${PACED_RATE}/s\n`,
  );
  const run = async (name: string, label: string, fn: () => Promise<TargetResult>) => {
    if (!TARGETS.has(name)) return null;
    const result = await fn();
    print(label, result);
    return result;
  };
  const bare = await run('bare', 'bare endpoint', benchBare);
  const postgres = await run('postgres', 'PostgreSQL', benchPostgres);
  const embedded = await run('embedded', 'embedded', () =>
    benchApi('embedded', undefined, () => Promise.resolve(NaN)),
  );
  const ratio = (r: TargetResult | null) =>
    r && bare ? Math.round((r.max.rate_per_s / bare.max.rate_per_s) * 1000) / 1000 : null;
  const cpu = cpus();
  const result = {
    name: 'webhook',
    date: new Date().toISOString(),
    machine: {
      cpus: cpu.length,
      cpu_model: cpu[0]?.model ?? 'unknown',
      memory_gb: Math.round(totalmem() / 2 ** 30),
      os: `${osType()} ${release()}`,
      node: process.version,
      load_average_at_start: startLoad,
    },
    metrics: {
      settings: {
        concurrency: CONCURRENCY,
        seconds_per_run: SECONDS,
        paced_rate_per_s: PACED_RATE,
        users: USERS,
      },
      bare,
      postgres: postgres && { ...postgres, ratio_to_bare: ratio(postgres) },
      embedded: embedded && { ...embedded, ratio_to_bare: ratio(embedded) },
      targets: { ratio_to_bare_min: 0.5, paced_p99_ms_max: 25 },
    },
  };
  if (TARGETS.size < 3) return;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'webhook.json'), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`ratio to bare: PostgreSQL ${ratio(postgres)}, embedded ${ratio(embedded)}\n`);
  process.stdout.write(`written to bench/results/webhook.json\n`);
}

function print(label: string, r: TargetResult): void {
  process.stdout.write(
    `${label.padEnd(14)} max ${r.max.rate_per_s}/s p50 ${r.max.p50_ms} ms p99 ${r.max.p99_ms} ms (errors ${r.max.errors})` +
      ` | paced ${PACED_RATE}/s: achieved ${r.paced.rate_per_s}/s p50 ${r.paced.p50_ms} ms p99 ${r.paced.p99_ms} ms (errors ${r.paced.errors})` +
      (r.stored !== undefined && Number.isFinite(r.stored) ? ` | stored ${r.stored}` : '') +
      '\n',
  );
}

main().catch((error) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
