import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../support/process';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl into a temp dir, on a free port), so a
 * test can stop and start it. Never the machine's shared server: other people use that one.
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
 */
export interface ThrowawayPostgres {
  port: number;
  /** A database on this cluster, created on start; its name contains `test`. */
  databaseUrl: string;
  /** Stops the server as a crash would (`-m immediate`): every connection drops at once. */
  crash(): void;
  start(): void;
  destroy(): void;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  if (!existsSync(join(BIN, 'initdb'))) throw new Error(`No PostgreSQL binaries in ${BIN} (set PG_BIN_DIR)`);
  const dir = mkdtempSync(join(tmpdir(), 'parley-fault-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const run = (bin: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', join(BIN, bin), ...args] : args;
    execFileSync(asRoot ? 'runuser' : join(BIN, bin), argv, { stdio: 'pipe', cwd: dir });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    `-c listen_addresses=127.0.0.1`,
    '-c fsync=off',
    '-c synchronous_commit=on',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = (mode: string) => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();

  const name = `parley_test_faults_${Date.now()}`;
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  return {
    port,
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/${name}`,
    crash: () => stop('immediate'),
    start,
    destroy: () => {
      try {
        stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
