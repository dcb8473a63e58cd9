import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DIST = resolve(__dirname, '../../dist');

/** A built Parley process (`pnpm build` first), as production starts it. */
export interface ParleyProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** The JSON log lines so far. */
  logs(): Record<string, unknown>[];
  exited: Promise<{ code: number | null; at: number }>;
  kill(): void;
}

export function spawnParley(args: string[], env: Record<string, string>): ParleyProcess {
  if (!existsSync(join(DIST, 'main.js')))
    throw new Error(`${DIST}/main.js is missing: run \`pnpm build\` first`);
  const child = spawn(process.execPath, args, {
    cwd: resolve(DIST, '..'),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-process-')),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolveExit) =>
    child.once('exit', (code) => resolveExit({ code, at: Date.now() })),
  );
  return {
    child,
    output: () => chunks.join(''),
    logs: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export async function waitForOutput(p: ParleyProcess, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(p.output())) {
    if (p.child.exitCode !== null)
      throw new Error(`The process exited with ${p.child.exitCode}:\n${p.output()}`);
    if (Date.now() > deadline)
      throw new Error(`No ${String(pattern)} within ${timeoutMs} ms:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
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
