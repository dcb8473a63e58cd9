import { request as httpRequest, IncomingMessage } from 'node:http';
import { Client } from 'pg';
import { join } from 'node:path';
import { JobQueue } from '../src/modules/jobs/job-queue.service';
import { metricValue } from './support/metrics';
import { DIST, freePort, ParleyProcess, spawnParley, waitForOutput } from './support/process';
import { startTestApp } from './support/test-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';
import { waitFor } from './support/wait';

/** A login whose body arrives slowly: the request is in flight until `finish` sends the rest. */
function slowLogin(port: number, email: string, password: string) {
  const body = JSON.stringify({ email, password });
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>(
    (resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
    },
  );
  req.write(body.slice(0, 10));
  req.flushHeaders();
  return { response, finish: () => req.end(body.slice(10)) };
}

async function get(
  port: number,
  path: string,
): Promise<{ status: number; body: string } | { error: string }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: await res.text() };
  } catch (error) {
    return { error: String((error as { cause?: { code?: string } }).cause?.code ?? error) };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful shutdown of the built API process (SIGTERM)', () => {
  let url: string;
  let api: ParleyProcess | undefined;
  const admin = { email: 'root@shutdown.test', password: 'shutdown-pw-1' };

  beforeEach(async () => {
    url = await createTestDatabase('shutdown');
  });
  afterEach(async () => {
    api?.kill();
    await api?.exited;
    await dropTestDatabase(url);
  });

  async function startApi(env: Record<string, string>): Promise<number> {
    const port = await freePort();
    api = spawnParley([join(DIST, 'main.js')], {
      DATABASE_URL: url,
      PORT: String(port),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ...env,
    });
    await waitForOutput(api, /Parley is running at/);
    return port;
  }

  it('turns readiness to 503, stops accepting, finishes the request in flight, then exits 0', async () => {
    const port = await startApi({ SHUTDOWN_DELAY: '1s', SHUTDOWN_TIMEOUT: '15s' });
    expect(await get(port, '/health')).toMatchObject({ status: 200 });

    const slow = slowLogin(port, admin.email, admin.password);
    await sleep(200);
    const signalledAt = Date.now();
    api!.child.kill('SIGTERM');

    // During SHUTDOWN_DELAY: still serving, but not ready (a load balancer moves away); alive.
    await sleep(300);
    const ready = await get(port, '/health');
    expect(ready).toMatchObject({ status: 503 });
    expect(JSON.parse((ready as { body: string }).body)).toMatchObject({ status: 'draining' });
    expect(await get(port, '/health/live')).toMatchObject({ status: 200 });

    // After it: no new connections.
    await sleep(1200);
    expect(await get(port, '/health')).toEqual({ error: 'ECONNREFUSED' });
    expect(api!.child.exitCode).toBeNull();

    // The request that was in flight all along completes normally, and then the process ends.
    slow.finish();
    const res = await slow.response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('access_token');
    expect(res.headers.connection).toBe('close');
    const { code, at } = await api!.exited;
    expect(code).toBe(0);
    const stopped = api!.logs().find((l) => l.msg === 'Stopped after finishing all work');
    expect(stopped).toBeDefined();
    process.stdout.write(
      `API drain: SIGTERM to exit ${at - signalledAt} ms (the in-flight request ended ~1.5 s after SIGTERM; logged drain_ms ${String(stopped!.drain_ms)})\n`,
    );
  });

  it('exits by SHUTDOWN_TIMEOUT when a request never finishes', async () => {
    const port = await startApi({ SHUTDOWN_TIMEOUT: '2s' });
    const stuck = slowLogin(port, admin.email, admin.password);
    const failed = stuck.response.then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    await sleep(200);
    const signalledAt = Date.now();
    api!.child.kill('SIGTERM');
    const { code, at } = await api!.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeGreaterThanOrEqual(1900);
    expect(at - signalledAt).toBeLessThan(6000);
    expect(await failed).toBe('ECONNRESET');
    expect(api!.logs().find((l) => l.requests_finished === false)).toMatchObject({
      level: 'warn',
      jobs_finished: true,
    });
  });
});

describe('graceful shutdown of the built worker process (SIGTERM)', () => {
  let url: string;
  let worker: ParleyProcess | undefined;

  beforeEach(async () => {
    url = await createTestDatabase('shutdown_worker');
  });
  afterEach(async () => {
    worker?.kill();
    await worker?.exited;
    await dropTestDatabase(url);
  });

  /** The built worker (dist/worker-process.js) with one queue whose jobs sleep for `data.ms`. */
  async function startWorker(env: Record<string, string>): Promise<number> {
    const port = await freePort();
    const script = `
      const { loadConfig } = require(${JSON.stringify(join(DIST, 'config/config.js'))});
      const { startWorker } = require(${JSON.stringify(join(DIST, 'worker-process.js'))});
      const { JobQueue } = require(${JSON.stringify(join(DIST, 'modules/jobs/job-queue.service.js'))});
      (async () => {
        const { app } = await startWorker(loadConfig(process.env));
        const jobs = app.get(JobQueue);
        await jobs.defineQueue({ name: 'slow', retryLimit: 2 });
        await jobs.work('slow', async (job) => {
          process.stdout.write('started ' + job.id + '\\n');
          await new Promise((r) => setTimeout(r, job.data.ms));
          process.stdout.write('finished ' + job.id + '\\n');
        });
        process.stdout.write('worker ready\\n');
      })();`;
    worker = spawnParley(['-e', script], { DATABASE_URL: url, WORKER_PORT: String(port), ...env });
    await waitForOutput(worker, /worker ready/);
    return port;
  }

  async function enqueueSlowJob(ms: number): Promise<string> {
    const t = await startTestApp({ DATABASE_URL: url, RUN_WORKERS: 'false' });
    try {
      return (await t.app.get(JobQueue).send('slow', { ms }))!;
    } finally {
      await t.close();
    }
  }

  async function jobState(id: string): Promise<string> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query('SELECT state FROM pgboss.job WHERE id = $1', [id])).rows[0].state as string;
    } finally {
      await client.end();
    }
  }

  it('serves probes and metrics, then finishes the running job before exiting', async () => {
    const port = await startWorker({ SHUTDOWN_TIMEOUT: '15s', METRICS_TOKEN: 'worker-metrics-token-1' });
    expect(await get(port, '/health/live')).toMatchObject({ status: 200 });
    expect(await get(port, '/health')).toMatchObject({ status: 200 });
    expect(await get(port, '/metrics')).toMatchObject({ status: 401 });

    const id = await enqueueSlowJob(1500);
    await waitForOutput(worker!, new RegExp(`started ${id}`));
    // Job metrics are recorded where jobs run: the worker's own /metrics.
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: 'Bearer worker-metrics-token-1' },
    });
    const text = await metrics.text();
    expect(metricValue(text, 'parley_queue_depth', { queue: 'slow', state: 'active' })).toBe(1);
    expect(metricValue(text, 'parley_job_latency_seconds_count', { queue: 'slow' })).toBe(1);
    const signalledAt = Date.now();
    worker!.child.kill('SIGTERM');
    const { code, at } = await worker!.exited;
    expect(code).toBe(0);
    expect(worker!.output()).toContain(`finished ${id}`);
    expect(await jobState(id)).toBe('completed');
    process.stdout.write(`Worker drain: SIGTERM to exit ${at - signalledAt} ms (job had ~1.5 s left)\n`);
  });

  it('stops at SHUTDOWN_TIMEOUT and hands an unfinished job back for a retry', async () => {
    await startWorker({ SHUTDOWN_TIMEOUT: '1s' });
    const id = await enqueueSlowJob(30_000);
    await waitForOutput(worker!, new RegExp(`started ${id}`));
    const signalledAt = Date.now();
    worker!.child.kill('SIGTERM');
    const { code, at } = await worker!.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(5000);
    expect(worker!.output()).not.toContain(`finished ${id}`);
    await waitFor(async () => (await jobState(id)) === 'retry');
  });
});
