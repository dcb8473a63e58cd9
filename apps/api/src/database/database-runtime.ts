import { AppConfig, DatabaseMode } from '../config/config';
import { EmbeddedPostgres } from './embedded-postgres';

/** Where the database is: a PostgreSQL server from DATABASE_URL, or the embedded one started here. */
export class DatabaseRuntime {
  private constructor(
    readonly mode: DatabaseMode,
    readonly url: string,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  static async open(config: AppConfig): Promise<DatabaseRuntime> {
    if (config.database.url) return new DatabaseRuntime('postgres', config.database.url);
    const embedded = await EmbeddedPostgres.start(config.database.dataDir);
    return new DatabaseRuntime('embedded', embedded.url, embedded);
  }

  /** Embedded PGlite executes one statement at a time, so big pools only queue; keep them small. */
  poolSize(requested: number): number {
    return this.mode === 'embedded' ? Math.min(requested, 4) : requested;
  }

  async close(): Promise<void> {
    await this.embedded?.stop();
  }
}
