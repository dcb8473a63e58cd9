import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../../../api/test/support/test-database';

const API_MAIN = resolve(__dirname, '../../../api/dist/main.js');
export const RESULTS_DIR = resolve(__dirname, '../../test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Stack {
  baseUrl: string;
  admin: { email: string; password: string };
  browser: Browser;
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** An API client signed in as `user`, for setting up what a test needs. */
  api(user: { email: string; password: string }): Promise<ApiClient>;
  close(): Promise<void>;
  /** What the API process has written to stdout and stderr so far (for a failing test's message). */
  apiOutput(): string;
}

/**
 * The whole product as a user meets it: a fresh database, the built API serving the built admin
 * app (a separate process, started the way `pnpm start` starts it), and a headless Chromium.
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const databaseUrl = await createTestDatabase('browser');
  const port = await freePort();
  const admin = { email: 'root@browser.test', password: `pw-${randomBytes(6).toString('hex')}` };
  const api = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-browser-')),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      LOGIN_RATE_LIMIT_PER_IP: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  api.stdout.on('data', (d: Buffer) => output.push(d.toString()));
  api.stderr.on('data', (d: Buffer) => output.push(d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl, api, output);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();

  return {
    baseUrl,
    admin,
    browser,
    async newPage({ width = 1280, height = 860 } = {}) {
      // Reduced motion: screenshots show where things end up, not halfway through a transition.
      const context = await browser.newContext({
        viewport: { width, height },
        baseURL: baseUrl,
        reducedMotion: 'reduce',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async sql<T>(text: string, values: unknown[] = []) {
      return (await db.query(text, values)).rows as T[];
    },
    async api(user) {
      return signIn(baseUrl, user);
    },
    apiOutput: () => output.join(''),
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await db.end().catch(() => undefined);
      await stopProcess(api);
      await dropTestDatabase(databaseUrl);
    },
  };
}

export function screenshotPath(name: string): string {
  return join(RESULTS_DIR, `${name}.png`);
}

async function waitForHealthy(baseUrl: string, api: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`The API exited with ${api.exitCode}:\n${output.join('')}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The API did not become healthy within 60 s:\n${output.join('')}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface ApiClient {
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  put<T = unknown>(path: string, body?: unknown): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown): Promise<T>;
}

async function signIn(baseUrl: string, user: { email: string; password: string }): Promise<ApiClient> {
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const { access_token } = await call<{ access_token: string }>('POST', '/api/v1/auth/login', user);
  return {
    get: (path) => call('GET', path, undefined, access_token),
    post: (path, body) => call('POST', path, body, access_token),
    put: (path, body) => call('PUT', path, body, access_token),
    patch: (path, body) => call('PATCH', path, body, access_token),
  };
}
