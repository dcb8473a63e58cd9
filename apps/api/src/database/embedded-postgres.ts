import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PostgreSQL 18 compiled to WASM (PGlite), persisted under DATA_DIR and served on a loopback
 * port so TypeORM and pg-boss reach it through the ordinary `pg` driver, exactly as they reach
 * a real server.
 *
 * PGlite runs one statement at a time: while one connection holds a transaction, the other
 * connections wait. Code must therefore never await work on another connection from inside a
 * transaction (see JobQueue.send's `manager` option).
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockFile: string,
    readonly url: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const pgData = join(dataDir, 'pgdata');
    mkdirSync(pgData, { recursive: true });
    const lockFile = join(dataDir, 'pgdata.lock');
    takeDirectoryLock(lockFile);
    try {
      // pgvector, so knowledge chunks get a vector column and HNSW indexes (loaded on CREATE EXTENSION).
      const db = await PGlite.create({ dataDir: pgData, extensions: { vector } });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 100 });
      await server.start();
      const { port } = server as unknown as { port: number };
      return new EmbeddedPostgres(db, server, lockFile, `postgres://postgres@127.0.0.1:${port}/postgres`);
    } catch (error) {
      rmSync(lockFile, { force: true });
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(this.lockFile, { force: true });
  }
}

/** Two processes writing one PGlite directory would corrupt it, so the second one is refused. */
function takeDirectoryLock(lockFile: string): void {
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${lockFile.replace(/\.lock$/, '')} is in use by process ${pid}. ` +
          'Stop that process, or set DATA_DIR to another directory, or set DATABASE_URL to use PostgreSQL.',
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
