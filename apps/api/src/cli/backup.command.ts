import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '../config/config';
import { keyIdOf } from '../common/crypto/secret-box';
import { BackupError } from '../database/backup/backup-format';
import { openBackupOutput, readBackupLines } from '../database/backup/backup-files';
import { dumpDatabase } from '../database/backup/dump';
import { restoreBackup } from '../database/backup/restore';
import { DatabaseRuntime } from '../database/database-runtime';
import type { CliCommand, CliIo } from './cli-command';

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup FILE [--force]',
  description: 'write the whole database to FILE (gzip; `-` for stdout) as one consistent snapshot',
  needsApp: false,
  async run(args, _app, io, config) {
    const { file, force } = parseArgs(args);
    if (!file) return usage(io, 'backup FILE [--force]');
    const path = file === '-' ? '-' : io.path(file);
    if (path !== '-' && existsSync(path) && !force) {
      io.err(`${file} exists: choose another name, or add --force to overwrite it.`);
      return 1;
    }
    const { database } = config!;
    if (database.mode === 'embedded' && !existsSync(join(database.dataDir, 'pgdata', 'PG_VERSION'))) {
      io.err(`There is no embedded database in ${database.dataDir}/pgdata to back up.`);
      return 1;
    }
    return withDatabase(config!, 'parley-backup', io, async (client, mode) => {
      const started = Date.now();
      const output = openBackupOutput(path);
      try {
        const report = await dumpDatabase(client, output.stream, { mode });
        const bytes = await output.finish();
        io.err(
          `Backed up ${report.rows} rows from ${report.tables} tables (schema ${report.migrations.at(-1)}) ` +
            `to ${file}: ${formatBytes(path === '-' ? bytes : statSync(path).size)} in ${seconds(started)}.`,
        );
        if (report.secretKeyIds.length > 0) {
          io.err(
            `Its secrets are sealed with encryption key ${report.secretKeyIds.join(', ')}: keep that key (ENCRYPTION_KEY) with the backup, stored apart from it.`,
          );
        }
        return 0;
      } catch (error) {
        output.abort();
        throw error;
      }
    });
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore FILE [--force]',
  description: 'load a backup into an empty database (--force replaces the data that is there)',
  needsApp: false,
  async run(args, _app, io, config) {
    const { file, force } = parseArgs(args);
    if (!file) return usage(io, 'restore FILE [--force]');
    const path = file === '-' ? '-' : io.path(file);
    if (path !== '-' && !existsSync(path)) {
      io.err(`${file} does not exist.`);
      return 1;
    }
    return withDatabase(config!, 'parley-restore', io, async (client, mode) => {
      const started = Date.now();
      const lines = readBackupLines(path);
      try {
        const report = await restoreBackup(lines, client, { url: client.url, mode }, { force });
        const { header } = report;
        io.err(
          `Restored ${report.rows} rows into ${report.tables} tables from ${file} ` +
            `(made ${header.created_at} by Parley ${header.parley_version}) in ${seconds(started)}.`,
        );
        if (report.replacedData) io.err('The data that was in the database before was replaced (--force).');
        if (report.upgradedWith.length > 0)
          io.err(`Then applied newer migrations: ${report.upgradedWith.join(', ')}.`);
        const known = new Set(
          [config!.crypto.encryptionKey, ...config!.crypto.oldEncryptionKeys].map((k) =>
            keyIdOf(Buffer.from(k, 'base64')),
          ),
        );
        const missing = header.secret_key_ids.filter((id) => !known.has(id));
        if (missing.length > 0) {
          io.err(
            `Warning: the restored secrets are sealed with encryption key ${missing.join(', ')}, which is not configured. ` +
              'Set ENCRYPTION_KEY (or ENCRYPTION_KEYS_OLD, then run `pnpm parley rotate-key`) to the key in use when the backup was made.',
          );
        }
        return 0;
      } finally {
        await lines.return(undefined);
      }
    });
  },
};

/** Connects to the configured database: the PostgreSQL server, or the embedded one (started here; Parley must be stopped). */
async function withDatabase(
  config: AppConfig,
  applicationName: string,
  io: CliIo,
  work: (client: Client & { url: string }, mode: 'embedded' | 'postgres') => Promise<number>,
): Promise<number> {
  const runtime = await DatabaseRuntime.open(config);
  const client = Object.assign(
    new Client({ connectionString: runtime.url, application_name: applicationName }),
    {
      url: runtime.url,
    },
  );
  try {
    await client.connect();
    return await work(client, runtime.mode);
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
    await runtime.close();
  }
}

function parseArgs(args: string[]): { file?: string; force: boolean } {
  const force = args.includes('--force');
  const file = args.find((a) => a !== '--force');
  return { file, force };
}

function usage(io: CliIo, text: string): number {
  io.err(`Usage: pnpm parley ${text}`);
  return 2;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
