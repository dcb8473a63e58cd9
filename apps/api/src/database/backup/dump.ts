import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { APP_VERSION } from '../../version';
import { SECRET_COLUMNS } from '../secret-columns';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  BackupHeader,
  quoteIdent,
  quoteTable,
  SequenceValue,
  TableEnd,
  TableStart,
  Trailer,
} from './backup-format';
import {
  describeTables,
  foreignKeyOrder,
  listSequences,
  listTables,
  orderByPrimaryKey,
  Sql,
} from './catalog';

const FETCH_ROWS = 1000;

export interface DumpReport {
  tables: number;
  rows: number;
  migrations: string[];
  secretKeyIds: string[];
}

/**
 * Writes every row of Parley's and pg-boss's tables to `out` as backup lines, all read in ONE
 * REPEATABLE READ, READ ONLY transaction: the backup is the database as it was at one instant,
 * even while Parley keeps serving. ACCESS SHARE locks keep a migration from changing a table
 * halfway (they block DDL only, never reads or writes). Secrets are copied as the ciphertext
 * they are stored as.
 */
export async function dumpDatabase(
  sql: Sql,
  out: Writable,
  database: { mode: 'embedded' | 'postgres' },
): Promise<DumpReport> {
  await sql.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  try {
    await sql.query(`SET LOCAL TimeZone = 'UTC'`);
    await sql.query('SET LOCAL extra_float_digits = 3');
    await sql.query(`SET LOCAL lock_timeout = '60s'`);
    const names = await listTables(sql);
    if (!(await exists(sql, 'public.schema_migrations'))) {
      throw new BackupError('This database has no Parley schema: there is nothing to back up');
    }
    await sql.query(
      `LOCK TABLE ${['public.schema_migrations', ...names].map(quoteTable).join(', ')} IN ACCESS SHARE MODE`,
    );
    const tables = foreignKeyOrder(await describeTables(sql, names));

    const header: BackupHeader = {
      '@': 'header',
      format: BACKUP_FORMAT,
      format_version: BACKUP_FORMAT_VERSION,
      created_at: new Date().toISOString(),
      parley_version: APP_VERSION,
      database: {
        mode: database.mode,
        server_version: (
          await sql.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version'])
        ).rows[0].v,
      },
      migrations: (
        await sql.query<{ name: string }>('SELECT name FROM public.schema_migrations ORDER BY id')
      ).rows.map((r) => r.name),
      pgboss_schema_version: (await exists(sql, 'pgboss.version'))
        ? Number((await sql.query<{ v: number }>('SELECT max(version) AS v FROM pgboss.version')).rows[0].v)
        : null,
      secret_key_ids: await secretKeyIds(sql, names),
      tables: [],
    };
    for (const table of tables) {
      const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteTable(table.name)}`);
      header.tables.push({
        name: table.name,
        columns: table.columns.map((c) => c.name),
        rows: Number(rows[0].n),
      });
    }
    await write(out, JSON.stringify(header) + '\n');

    let total = 0;
    for (const [i, table] of tables.entries()) {
      const start: TableStart = {
        '@': 'table',
        name: table.name,
        columns: table.columns.map((c) => c.name),
        self_referencing: table.selfReferencing,
      };
      await write(out, JSON.stringify(start) + '\n');
      await sql.query(
        `DECLARE parley_backup NO SCROLL CURSOR FOR
           SELECT row_to_json(t)::text AS r FROM ${quoteTable(table.name)} t${orderByPrimaryKey(table)}`,
      );
      let count = 0;
      for (;;) {
        const { rows } = await sql.query<{ r: string }>(`FETCH ${FETCH_ROWS} FROM parley_backup`);
        if (rows.length === 0) break;
        await write(out, rows.map((row) => row.r).join('\n') + '\n');
        count += rows.length;
      }
      await sql.query('CLOSE parley_backup');
      if (count !== header.tables[i].rows) {
        throw new BackupError(`${table.name}: counted ${header.tables[i].rows} rows but read ${count}`);
      }
      const end: TableEnd = { '@': 'end', name: table.name, rows: count };
      await write(out, JSON.stringify(end) + '\n');
      total += count;
    }

    const values: SequenceValue[] = [];
    for (const name of await listSequences(sql)) {
      const { rows } = await sql.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text AS last_value, is_called FROM ${quoteTable(name)}`,
      );
      values.push({ name, ...rows[0] });
    }
    await write(out, JSON.stringify({ '@': 'sequences', values }) + '\n');
    const trailer: Trailer = { '@': 'trailer', tables: tables.length, rows: total };
    await write(out, JSON.stringify(trailer) + '\n');
    await sql.query('COMMIT');
    return {
      tables: tables.length,
      rows: total,
      migrations: header.migrations,
      secretKeyIds: header.secret_key_ids,
    };
  } catch (error) {
    await sql.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function exists(sql: Sql, table: string): Promise<boolean> {
  const { rows } = await sql.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [table]);
  return rows[0].ok;
}

/** The key ids (`v1:<id>:...`) of every stored secret: what a restore needs in ENCRYPTION_KEY(S_OLD). */
async function secretKeyIds(sql: Sql, tables: string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const { table, columns } of SECRET_COLUMNS) {
    if (!tables.includes(`public.${table}`)) continue;
    for (const column of columns) {
      const { rows } = await sql.query<{ id: string }>(
        `SELECT DISTINCT split_part(${quoteIdent(column)}, ':', 2) AS id
           FROM public.${quoteIdent(table)} WHERE ${quoteIdent(column)} IS NOT NULL`,
      );
      for (const { id } of rows) ids.add(id);
    }
  }
  return [...ids].sort();
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
