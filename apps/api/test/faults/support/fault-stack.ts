import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DIST, freePort, ParleyProcess, spawnParley, waitForOutput } from '../../support/process';
import { login } from './client';

/**
 * Real Parley processes (the built dist, as production starts them) on one database, sharing the
 * secrets replicas of one deployment share. Each can be killed with SIGKILL mid-work.
 */
export interface ParleyNode {
  name: string;
  url: string;
  port: number;
  process: ParleyProcess;
  /** SIGKILL: no drain, no cleanup, as the OOM killer or a lost machine would. */
  kill(): Promise<void>;
}

export interface FaultStack {
  databaseUrl: string;
  root: { email: string; password: string };
  /** An API process; `env.RUN_WORKERS=false` makes it serve HTTP only. */
  api(env?: Record<string, string>): Promise<ParleyNode>;
  /** A worker process (jobs only). */
  worker(env?: Record<string, string>): Promise<ParleyNode>;
  rootToken(node: ParleyNode): Promise<string>;
  /** Kills every process still running (SIGKILL) and waits for them to exit. */
  stopAll(): Promise<void>;
  nodes: ParleyNode[];
}

export function faultStack(databaseUrl: string, shared: Record<string, string> = {}): FaultStack {
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const root = { email: 'root@faults.test', password: `root-${randomBytes(6).toString('hex')}` };
  const nodes: ParleyNode[] = [];
  const common = (): Record<string, string> => ({
    ...secrets,
    DATABASE_URL: databaseUrl,
    ADMIN_EMAIL: root.email,
    ADMIN_PASSWORD: root.password,
    LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn',
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    ...shared,
  });

  const node = (name: string, port: number, p: ParleyProcess): ParleyNode => {
    const n: ParleyNode = {
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      process: p,
      kill: async () => {
        p.kill();
        await p.exited;
      },
    };
    nodes.push(n);
    return n;
  };

  return {
    databaseUrl,
    root,
    nodes,
    async api(env = {}) {
      const port = await freePort();
      const p = spawnParley([join(DIST, 'main.js')], { ...common(), PORT: String(port), ...env });
      await waitForOutput(p, /Parley is running at/, 60_000);
      return node(`api-${nodes.length + 1}`, port, p);
    },
    async worker(env = {}) {
      const port = await freePort();
      const p = spawnParley([join(DIST, 'worker.js')], { ...common(), WORKER_PORT: String(port), ...env });
      await waitForOutput(p, /Parley worker started/, 60_000);
      return node(`worker-${nodes.length + 1}`, port, p);
    },
    rootToken: (n) => login(n.url, root.email, root.password),
    async stopAll() {
      await Promise.all(nodes.map((n) => n.kill()));
    },
  };
}
