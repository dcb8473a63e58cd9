/**
 * A Parley backup is a gzip-compressed stream of JSON lines:
 *
 *   {"@":"header", ...}                         what, when, which migrations, row counts
 *   {"@":"table","name":"public.tenants",...}   then one line per row: the row as
 *   {"id":"acme","name":"Acme",...}             PostgreSQL's row_to_json wrote it
 *   {"@":"end","name":"public.tenants","rows":2}
 *   ...                                         tables in foreign-key order (parents first)
 *   {"@":"sequences","values":[...]}
 *   {"@":"trailer","tables":12,"rows":3456}     absent = the file is truncated
 *
 * Rows are never parsed in JavaScript on either side: PostgreSQL writes them (row_to_json) and
 * reads them back (json_populate_recordset), so numbers, timestamps and JSON keep their exact
 * values. Control lines start with `{"@":`, which no row can (Parley's columns are snake_case).
 */
export const BACKUP_FORMAT = 'parley-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The schemas a backup holds: Parley's own tables and pg-boss's queue. */
export const BACKUP_SCHEMAS = ['public', 'pgboss'] as const;

/** Tables that describe the schema rather than hold data; the header and the restore rebuild them. */
export const SCHEMA_TABLES = ['public.schema_migrations', 'pgboss.version'];

export interface BackupTableInfo {
  name: string;
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  '@': 'header';
  format: typeof BACKUP_FORMAT;
  format_version: number;
  created_at: string;
  parley_version: string;
  database: { mode: 'embedded' | 'postgres'; server_version: string };
  /** Parley's applied migrations, in order: the schema the rows belong to. */
  migrations: string[];
  pgboss_schema_version: number | null;
  /** Ids of the encryption keys that sealed the secrets inside (restoring needs those keys). */
  secret_key_ids: string[];
  tables: BackupTableInfo[];
}

export interface TableStart {
  '@': 'table';
  name: string;
  columns: string[];
  /** The table references itself: its rows must be loaded in one statement. */
  self_referencing: boolean;
}

export interface TableEnd {
  '@': 'end';
  name: string;
  rows: number;
}

export interface SequenceValue {
  name: string;
  last_value: string;
  is_called: boolean;
}

export interface SequencesLine {
  '@': 'sequences';
  values: SequenceValue[];
}

export interface Trailer {
  '@': 'trailer';
  tables: number;
  rows: number;
}

export type ControlLine = BackupHeader | TableStart | TableEnd | SequencesLine | Trailer;

export const isControlLine = (line: string): boolean => line.startsWith('{"@":');

/** `schema.table` as a safely quoted SQL identifier. */
export function quoteTable(name: string): string {
  const [schema, table] = name.split('.');
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class BackupError extends Error {}
