import { Client } from 'pg';

export interface DatabaseSnapshot {
  migrations: string[];
  pgbossVersion: number | null;
  /** Every row of every table (partitions included), as row_to_json text, sorted. */
  tables: Record<string, string[]>;
  sequences: Record<string, string>;
}

/**
 * Everything in Parley's and pg-boss's schemas, read independently of the backup code (so a table
 * the backup forgot shows up as a difference), in a form two databases can be compared by.
 */
export async function snapshotDatabase(url: string): Promise<DatabaseSnapshot> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'`);
    await client.query('SET extra_float_digits = 3');
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'pgboss') AND c.relkind = 'r'
          AND c.relname NOT IN ('schema_migrations', 'version')
        ORDER BY 1`,
    );
    const snapshot: DatabaseSnapshot = {
      migrations: (await client.query('SELECT name FROM schema_migrations ORDER BY id')).rows.map(
        (r) => r.name,
      ),
      pgbossVersion: (await client.query(`SELECT to_regclass('pgboss.version') IS NOT NULL AS ok`)).rows[0].ok
        ? Number((await client.query('SELECT version FROM pgboss.version')).rows[0].version)
        : null,
      tables: {},
      sequences: {},
    };
    for (const { name } of tables) {
      const [schema, table] = name.split('.');
      const { rows } = await client.query<{ r: string }>(
        `SELECT row_to_json(t)::text AS r FROM "${schema}"."${table}" t ORDER BY 1`,
      );
      snapshot.tables[name] = rows.map((r) => r.r);
    }
    const { rows: sequences } = await client.query<{ name: string }>(
      `SELECT schemaname || '.' || sequencename AS name FROM pg_sequences WHERE schemaname IN ('public', 'pgboss')`,
    );
    for (const { name } of sequences) {
      const [schema, sequence] = name.split('.');
      const { rows } = await client.query(`SELECT last_value, is_called FROM "${schema}"."${sequence}"`);
      snapshot.sequences[name] = `${rows[0].last_value}/${rows[0].is_called}`;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/** Row counts per table, for readable failure messages and reports. */
export function rowCounts(snapshot: DatabaseSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(snapshot.tables).map(([name, rows]) => [name, rows.length]));
}
