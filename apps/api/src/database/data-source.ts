import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** `applicationName` shows in pg_stat_activity; a restore refuses to run while `parley*` sessions are connected. */
export function dataSourceOptions(
  url: string,
  poolMax: number,
  applicationName = 'parley',
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    applicationName,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: { max: poolMax, connectionTimeoutMillis: 10_000 },
  };
}

/** Arbitrary but fixed: every Parley process takes this lock before migrating. */
const MIGRATION_LOCK_KEY = 7_413_220_901;

/**
 * Runs pending migrations while holding a session advisory lock, so that replicas booting
 * together migrate once and the others wait, then find nothing to do.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
