import { readFileSync } from 'node:fs';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateWithLock } from '../data-source';
import { MIGRATIONS } from '../migrations';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  BackupHeader,
  ControlLine,
  isControlLine,
  quoteIdent,
  quoteTable,
  SequencesLine,
  TableStart,
} from './backup-format';
import { describeTables, listTables, Sql, TableShape } from './catalog';

/** Rows per INSERT, and the most JSON text one INSERT carries. */
const BATCH_ROWS = 500;
const BATCH_BYTES = 1 << 20;

const PGBOSS_SCHEMA_VERSION = (
  JSON.parse(readFileSync(require.resolve('pg-boss/version.json'), 'utf8')) as { schema: number }
).schema;

export interface RestoreTarget {
  url: string;
  mode: 'embedded' | 'postgres';
}

export interface RestoreReport {
  header: BackupHeader;
  tables: number;
  rows: number;
  /** Migrations newer than the backup, applied after loading it. */
  upgradedWith: string[];
  /** Whether data that was in the database was replaced (`--force`). */
  replacedData: boolean;
}

/**
 * Restores a backup into `target`, which must hold no data unless `force` is given:
 * 1. check the header (format, migrations known to this version, pg-boss schema version),
 * 2. empty the database: drop pg-boss's schema, undo Parley's migrations,
 * 3. migrate to exactly the backup's migrations and create pg-boss's schema,
 * 4. load every table in the file's (foreign-key) order and set the sequences, in ONE transaction,
 * 5. apply the migrations this version has beyond the backup (restoring an old backup = upgrading).
 * Secrets are loaded as the ciphertext they were backed up as.
 */
export async function restoreBackup(
  lines: AsyncIterator<string>,
  sql: Sql,
  target: RestoreTarget,
  options: { force: boolean },
): Promise<RestoreReport> {
  const header = checkHeader(await nextLine(lines));
  if (target.mode === 'postgres') await refuseWhileParleyRuns(sql);
  const present = await presentState(sql);
  const unknown = present.migrations.filter((name) => !MIGRATIONS.some((m) => new m().name === name));
  if (unknown.length > 0) {
    throw new BackupError(
      `The target database has migrations this version of Parley does not know (${unknown.join(', ')}); restore with that version or newer`,
    );
  }
  if (present.data.length > 0 && !options.force) {
    throw new BackupError(
      `The target database holds data (${present.data.map((d) => `${d.table}: ${d.rows} rows`).join(', ')}). ` +
        'Restore into an empty database, or add --force to replace everything in it.',
    );
  }

  await empty(sql, target, present.migrations.length);
  await migrate(target, header.migrations.length);
  if (header.pgboss_schema_version !== null) await sql.query(PgBoss.getConstructionPlans('pgboss'));
  const loaded = await load(sql, lines, header);
  const upgradedWith = await migrate(target, MIGRATIONS.length);
  await sql.query('ANALYZE');
  return { header, ...loaded, upgradedWith, replacedData: present.data.length > 0 };
}

/** The header, if this version can restore it; checked before anything in the database changes. */
export function checkHeader(line: string | undefined): BackupHeader {
  let header: BackupHeader | undefined;
  try {
    header = line ? (JSON.parse(line) as BackupHeader) : undefined;
  } catch {
    header = undefined;
  }
  if (header?.['@'] !== 'header' || header.format !== BACKUP_FORMAT) {
    throw new BackupError('This is not a Parley backup (no backup header)');
  }
  if (header.format_version > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `This backup uses format ${header.format_version}; this version of Parley reads format ${BACKUP_FORMAT_VERSION} (made by Parley ${header.parley_version}: restore with that version or newer)`,
    );
  }
  const known = MIGRATIONS.map((m) => new m().name);
  const mismatch = header.migrations.findIndex((name, i) => known[i] !== name);
  if (mismatch >= 0) {
    throw new BackupError(
      `This backup's schema has migration ${header.migrations[mismatch]}, which this version of Parley does not have at that place (made by Parley ${header.parley_version}: restore with that version)`,
    );
  }
  if (header.pgboss_schema_version !== null && header.pgboss_schema_version !== PGBOSS_SCHEMA_VERSION) {
    throw new BackupError(
      `This backup holds pg-boss schema ${header.pgboss_schema_version}; this version of Parley runs schema ${PGBOSS_SCHEMA_VERSION} (restore with Parley ${header.parley_version})`,
    );
  }
  return header;
}

/** A Parley process writing to the database during a restore would corrupt both its work and the restore. */
async function refuseWhileParleyRuns(sql: Sql): Promise<void> {
  const { rows } = await sql.query<{ app: string; n: string }>(
    `SELECT application_name AS app, count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND application_name LIKE 'parley%' AND application_name <> 'parley-restore'
      GROUP BY 1 ORDER BY 1`,
  );
  if (rows.length > 0) {
    throw new BackupError(
      `Parley is connected to the target database (${rows.map((r) => `${r.app}: ${r.n}`).join(', ')}). Stop every API and worker process first.`,
    );
  }
}

interface PresentState {
  migrations: string[];
  /** Tables that hold rows (pg-boss: jobs of Parley's queues; its own bookkeeping does not count). */
  data: { table: string; rows: number }[];
}

async function presentState(sql: Sql): Promise<PresentState> {
  const has = async (table: string) =>
    (await sql.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [table])).rows[0].ok;
  const migrations = (await has('public.schema_migrations'))
    ? (await sql.query<{ name: string }>('SELECT name FROM public.schema_migrations ORDER BY id')).rows.map(
        (r) => r.name,
      )
    : [];
  const data: PresentState['data'] = [];
  for (const table of await listTables(sql)) {
    const where = table.startsWith('pgboss.')
      ? table === 'pgboss.job' || table === 'pgboss.archive'
        ? ` WHERE NOT starts_with(name, '__pgboss__')`
        : null
      : '';
    if (where === null) continue;
    const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteTable(table)}${where}`);
    if (Number(rows[0].n) > 0) data.push({ table, rows: Number(rows[0].n) });
  }
  return { migrations, data };
}

/** Drops pg-boss's schema and undoes every Parley migration (their reviewed `down`s). */
async function empty(sql: Sql, target: RestoreTarget, applied: number): Promise<void> {
  await sql.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
  if (applied === 0) return;
  const dataSource = await openDataSource(target, MIGRATIONS.length);
  try {
    for (let i = 0; i < applied; i++) await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Applies the first `count` migrations (those not applied yet). */
async function migrate(target: RestoreTarget, count: number): Promise<string[]> {
  const dataSource = await openDataSource(target, count);
  try {
    return await migrateWithLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function openDataSource(target: RestoreTarget, migrations: number): Promise<DataSource> {
  return new DataSource({
    ...dataSourceOptions(target.url, 2, 'parley-restore'),
    migrations: MIGRATIONS.slice(0, migrations),
  }).initialize();
}

async function load(
  sql: Sql,
  lines: AsyncIterator<string>,
  header: BackupHeader,
): Promise<{ tables: number; rows: number }> {
  const shapes = new Map(
    (
      await describeTables(
        sql,
        header.tables.map((t) => t.name),
      )
    ).map((shape) => [shape.name, shape]),
  );
  let tables = 0;
  let total = 0;
  let finished = false;
  await sql.query('BEGIN');
  try {
    await sql.query(`SET LOCAL TimeZone = 'UTC'`);
    for (;;) {
      const line = await nextLine(lines);
      if (line === undefined) break;
      const control = parseControl(line);
      if (control['@'] === 'table') {
        const expected = header.tables.find((t) => t.name === control.name);
        const rows = await loadTable(sql, lines, control, shapes.get(control.name));
        if (rows !== expected?.rows) {
          throw new BackupError(
            `${control.name}: the header announced ${expected?.rows} rows, the file holds ${rows}`,
          );
        }
        tables += 1;
        total += rows;
      } else if (control['@'] === 'sequences') {
        await setSequences(sql, control);
      } else if (control['@'] === 'trailer') {
        if (control.tables !== tables || control.rows !== total) {
          throw new BackupError('The backup does not add up: its trailer disagrees with its contents');
        }
        finished = true;
        break;
      } else {
        throw new BackupError(`Unexpected "${control['@']}" line in the backup`);
      }
    }
    if (!finished) throw new BackupError('The backup is truncated (it has no trailer): nothing was restored');
    await sql.query('COMMIT');
  } catch (error) {
    await sql.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { tables, rows: total };
}

async function loadTable(
  sql: Sql,
  lines: AsyncIterator<string>,
  start: TableStart,
  shape: TableShape | undefined,
): Promise<number> {
  if (!shape || shape.columns.length === 0) {
    throw new BackupError(`The backup has table ${start.name}, which the restored schema lacks`);
  }
  const present = shape.columns.map((c) => c.name).sort();
  if (JSON.stringify(present) !== JSON.stringify([...start.columns].sort())) {
    throw new BackupError(
      `${start.name}: the backup's columns (${start.columns.join(', ')}) differ from the restored schema's (${present.join(', ')})`,
    );
  }
  const insert = insertStatement(shape);
  const queues = start.name === 'pgboss.queue';
  let batch: string[] = [];
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    if (queues) await restoreQueues(sql, batch);
    else await sql.query(insert, [`[${batch.join(',')}]`]);
    count += batch.length;
    batch = [];
    bytes = 0;
  };
  for (;;) {
    const line = await nextLine(lines);
    if (line === undefined)
      throw new BackupError(`The backup is truncated inside ${start.name}: nothing was restored`);
    if (isControlLine(line)) {
      const end = parseControl(line);
      if (end['@'] !== 'end' || end.name !== start.name) {
        throw new BackupError(`The backup is damaged inside ${start.name}: nothing was restored`);
      }
      await flush();
      if (end.rows !== count)
        throw new BackupError(`${start.name}: expected ${end.rows} rows, read ${count}`);
      return count;
    }
    batch.push(line);
    bytes += line.length;
    // A table that references itself goes in one statement (its foreign keys are checked at the
    // statement's end); so do pg-boss's queues, which reference each other.
    if (!start.self_referencing && !queues && (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES))
      await flush();
  }
}

/** INSERT ... SELECT from the JSON rows; PostgreSQL itself converts every value back from its JSON form. */
function insertStatement(shape: TableShape): string {
  const columns = shape.columns.filter((c) => !c.generated).map((c) => quoteIdent(c.name));
  const overriding = shape.columns.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${quoteTable(shape.name)} (${columns.join(', ')})${overriding}
          SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${quoteTable(shape.name)}, $1::json)`;
}

/**
 * pg-boss keeps each queue's jobs in a partition of pgboss.job that its create_queue() makes, so
 * queues are made by create_queue() (dead letter queues first: queues reference them), and then
 * given every value they had.
 */
async function restoreQueues(sql: Sql, rows: string[]): Promise<void> {
  const queues = rows.map((row) => ({
    row,
    ...(JSON.parse(row) as { name: string; dead_letter: string | null }),
  }));
  const created = new Set<string>();
  while (created.size < queues.length) {
    const ready = queues.filter(
      (q) =>
        !created.has(q.name) && (!q.dead_letter || q.dead_letter === q.name || created.has(q.dead_letter)),
    );
    if (ready.length === 0) throw new BackupError('pgboss.queue: dead letter queues form a cycle');
    for (const queue of ready) {
      await sql.query(
        `SELECT pgboss.create_queue(r.name, json_build_object('deadLetter', r.dead_letter))
           FROM json_populate_record(NULL::pgboss.queue, $1::json) r`,
        [queue.row],
      );
      created.add(queue.name);
    }
  }
  if (queues.length === 0) return;
  await sql.query(
    `UPDATE pgboss.queue q SET (policy, retry_limit, retry_delay, retry_backoff, expire_seconds,
            retention_minutes, dead_letter, partition_name, created_on, updated_on)
          = (r.policy, r.retry_limit, r.retry_delay, r.retry_backoff, r.expire_seconds,
            r.retention_minutes, r.dead_letter, r.partition_name, r.created_on, r.updated_on)
       FROM json_populate_recordset(NULL::pgboss.queue, $1::json) r
      WHERE q.name = r.name`,
    [`[${rows.join(',')}]`],
  );
}

async function setSequences(sql: Sql, line: SequencesLine): Promise<void> {
  for (const { name, last_value, is_called } of line.values) {
    await sql.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteTable(name), last_value, is_called]);
  }
}

function parseControl(line: string): ControlLine {
  if (!isControlLine(line)) throw new BackupError('The backup is damaged: a row appears outside any table');
  try {
    return JSON.parse(line) as ControlLine;
  } catch {
    throw new BackupError('The backup is damaged: a control line is not JSON');
  }
}

async function nextLine(lines: AsyncIterator<string>): Promise<string | undefined> {
  const next = await lines.next();
  return next.done ? undefined : next.value;
}
