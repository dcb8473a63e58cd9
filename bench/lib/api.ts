import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR } from './results';

export const API_DIR = join(BENCH_DIR, '..', 'apps', 'api');
export const API_DIST = join(API_DIR, 'dist');
/** Resolves packages (pg, typeorm) the way the built API does, so there is one copy of each. */
export const apiRequire = createRequire(join(API_DIR, 'package.json'));

export const SERVER_URL =
  process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function assertBuilt(): void {
  if (!existsSync(join(API_DIST, 'main.js')))
    throw new Error(`${API_DIST}/main.js is missing: run \`pnpm build\` first`);
}

type PgClient = {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
};

export function pgClient(connectionString: string): PgClient {
  const { Client } = apiRequire('pg') as { Client: new (o: { connectionString: string }) => PgClient };
  return new Client({ connectionString });
}

/** A fresh database on the local server whose name contains `test` (dropped by `dropDatabase`). */
export async function createDatabase(label: string): Promise<string> {
  const name = `parley_test_bench_${label}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const client = pgClient(SERVER_URL);
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to drop ${name}`);
  const client = pgClient(SERVER_URL);
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface ApiProcess {
  url: string;
  pid: number;
  root: { email: string; password: string };
  /** Resident set size now, in MiB (from /proc). */
  rssMiB(): number;
  stop(): Promise<void>;
}

/**
 * The built API (`node apps/api/dist/main.js`), as `pnpm start` runs it; embedded when no
 * databaseUrl. `worker: true` starts `dist/worker.js` instead (jobs only; probes on the port).
 */
export async function startApi(
  options: {
    databaseUrl?: string;
    env?: Record<string, string>;
    worker?: boolean;
    /** Flags for node itself (`--cpu-prof`, ...). */
    nodeArgs?: string[];
  } = {},
): Promise<ApiProcess> {
  assertBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const root = { email: 'root@bench.test', password: `bench-${randomBytes(6).toString('hex')}` };
  const entry = options.worker ? 'worker.js' : 'main.js';
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), join(API_DIST, entry)], {
    cwd: API_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      WORKER_PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ADMIN_EMAIL: root.email,
      ADMIN_PASSWORD: root.password,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_IP: '100000',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the API exited with ${child.exitCode}:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`the API did not become healthy:\n${output.join('')}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    root,
    rssMiB: () => rssMiB(child.pid!),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** A JSON call; throws unless it answered `expected`. */
export async function api<T = unknown>(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; expected?: number } = {},
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  if (res.status !== (options.expected ?? res.status) || res.status >= 400)
    throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(url: string, email: string, password: string): Promise<string> {
  return (
    await api<{ access_token: string }>(url, 'POST', '/api/v1/auth/login', { body: { email, password } })
  ).access_token;
}

/** A tenant and its admin's token, through the platform admin API. */
export async function tenantWithAdmin(p: ApiProcess, id: string): Promise<{ id: string; token: string }> {
  const rootToken = await login(p.url, p.root.email, p.root.password);
  await api(p.url, 'POST', '/api/v1/admin/tenants', { token: rootToken, body: { id, name: `Bench ${id}` } });
  const email = `admin-${id}@bench.test`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  await api(p.url, 'POST', `/api/v1/admin/tenants/${id}/users`, {
    token: rootToken,
    body: { email, password },
  });
  return { id, token: await login(p.url, email, password) };
}
