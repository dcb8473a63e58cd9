import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateWithLock } from '../src/database/data-source';
import { MIGRATIONS } from '../src/database/migrations';
import { createTenant, createWhatsAppConfig } from './support/fixtures';
import { startTestApp } from './support/test-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

async function undoAll(url: string): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const tables: { tablename: string }[] = await ds.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    return tables.map((r) => r.tablename);
  } finally {
    await ds.destroy();
  }
}

describe('migrations', () => {
  let url: string;

  beforeEach(async () => {
    url = await createTestDatabase('migrations');
  });
  afterEach(() => dropTestDatabase(url));

  it('go down and up again on a populated database', async () => {
    const first = await startTestApp({ DATABASE_URL: url });
    try {
      await createWhatsAppConfig(first, await createTenant(first));
    } finally {
      await first.close();
    }

    expect(await undoAll(url)).toEqual(['schema_migrations']);

    const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
    try {
      expect(await migrateWithLock(ds)).toEqual(MIGRATIONS.map((m) => new m().name));
      expect(await migrateWithLock(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }

    // The schema that came back up serves the application again.
    const again = await startTestApp({ DATABASE_URL: url });
    try {
      await createWhatsAppConfig(again, await createTenant(again));
    } finally {
      await again.close();
    }
  });

  it('run once when several replicas boot at the same time', async () => {
    const replicas = await Promise.all([1, 2, 3].map(() => startTestApp({ DATABASE_URL: url })));
    try {
      const rows = await replicas[0].dataSource.query('SELECT name FROM schema_migrations');
      expect(rows).toHaveLength(MIGRATIONS.length);
    } finally {
      for (const replica of replicas) await replica.close();
    }
  });
});
