import { BACKUP_SCHEMAS, BackupError, quoteIdent, SCHEMA_TABLES } from './backup-format';

/** Anything that runs SQL: a pg Client or a TypeORM query runner adapted to it. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface TableShape {
  name: string;
  columns: { name: string; generated: boolean; identityAlways: boolean }[];
  primaryKey: string[];
  /** Tables this one has foreign keys to (within the backed-up set, itself excluded). */
  references: string[];
  selfReferencing: boolean;
}

/** The data tables of Parley's and pg-boss's schemas (partitions are read through their parent). */
export async function listTables(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY 1`,
    [BACKUP_SCHEMAS],
  );
  return rows.map((r) => r.name).filter((name) => !SCHEMA_TABLES.includes(name));
}

const NAMED = `WITH t AS (
  SELECT c.oid, n.nspname || '.' || c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname || '.' || c.relname = ANY($1))`;

export async function describeTables(sql: Sql, names: string[]): Promise<TableShape[]> {
  const { rows: columns } = await sql.query<{
    table: string;
    name: string;
    generated: boolean;
    identity_always: boolean;
  }>(
    `${NAMED}
     SELECT t.name AS table, a.attname AS name,
            a.attgenerated <> '' AS generated, a.attidentity = 'a' AS identity_always
       FROM t JOIN pg_attribute a ON a.attrelid = t.oid
      WHERE a.attnum > 0 AND NOT a.attisdropped
      ORDER BY t.name, a.attnum`,
    [names],
  );
  const { rows: keys } = await sql.query<{ table: string; name: string }>(
    `${NAMED}
     SELECT t.name AS table, a.attname AS name
       FROM t
       JOIN pg_index i ON i.indrelid = t.oid AND i.indisprimary
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      ORDER BY t.name, k.position`,
    [names],
  );
  const { rows: foreignKeys } = await sql.query<{ child: string; parent: string }>(
    `${NAMED}
     SELECT DISTINCT child.name AS child, parent.name AS parent
       FROM pg_constraint f
       -- A partition's foreign keys are its parent's (pg-boss puts them on each queue's partition).
       LEFT JOIN pg_inherits i ON i.inhrelid = f.conrelid
       JOIN t child ON child.oid = coalesce(i.inhparent, f.conrelid)
       JOIN t parent ON parent.oid = f.confrelid
      WHERE f.contype = 'f'`,
    [names],
  );
  return names.map((name) => {
    const references = foreignKeys.filter((fk) => fk.child === name).map((fk) => fk.parent);
    return {
      name,
      columns: columns
        .filter((c) => c.table === name)
        .map((c) => ({ name: c.name, generated: c.generated, identityAlways: c.identity_always })),
      primaryKey: keys.filter((k) => k.table === name).map((k) => k.name),
      references: [...new Set(references)].filter((parent) => parent !== name),
      selfReferencing: references.includes(name),
    };
  });
}

/** Parents before children, so that rows load without breaking a foreign key; ties by name. */
export function foreignKeyOrder(tables: TableShape[]): TableShape[] {
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  let remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => t.references.every((parent) => placed.has(parent)));
    if (ready.length === 0) {
      throw new BackupError(
        `Foreign keys form a cycle among ${remaining.map((t) => t.name).join(', ')}: the backup cannot order these tables`,
      );
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

/** Every sequence in the backed-up schemas, as `schema.name`. */
export async function listSequences(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind = 'S'
      ORDER BY 1`,
    [BACKUP_SCHEMAS],
  );
  return rows.map((r) => r.name);
}

export const orderByPrimaryKey = (table: TableShape): string =>
  table.primaryKey.length > 0 ? ` ORDER BY ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
