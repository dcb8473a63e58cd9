import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupCommand, restoreCommand } from '../src/cli/backup.command';
import { AppConfig, loadConfig } from '../src/config/config';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { JobQueue } from '../src/modules/jobs/job-queue.service';
import { ConfigLoader } from '../src/modules/tenant-config/config-loader.service';
import { recordingIo } from './support/cli';
import { DIST } from './support/process';
import { snapshotDatabase } from './support/db-snapshot';
import { createTenant, createWhatsAppConfig, TestTenant } from './support/fixtures';
import { bearer, login, startTestApp, TestApp, testEnv } from './support/test-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

const dir = mkdtempSync(join(tmpdir(), 'parley-backup-'));
const cliConfig = (overrides: Record<string, string | undefined>): AppConfig =>
  loadConfig(testEnv(overrides));

/** Tenants with every kind of secret, their admins, audit events, and jobs of a queue that has a dead letter queue. */
async function populate(t: TestApp, tenants: number): Promise<TestTenant[]> {
  const made: TestTenant[] = [];
  for (let i = 0; i < tenants; i++) {
    const tenant = await createTenant(t, {
      crm: 'zoho',
      branding: { welcome_message: `Hello from tenant ${i} — ünïcödé ✓` },
      zoho: { client_id: `1000.${i}`, client_secret: `zoho-secret-${i}`, refresh_token: `refresh-${i}` },
      hubspot: { api_key: `pat-${i}` },
    });
    await createWhatsAppConfig(t, tenant, {
      access_token: `EAAG-token-${i}`,
      fb_app_secret: `app-secret-${i}`,
      webhook_verify_token: `verify-${i}`,
    });
    made.push(tenant);
  }
  const jobs = t.app.get(JobQueue);
  await jobs.defineQueue({ name: 'backup-probe-dlq' });
  await jobs.defineQueue({ name: 'backup-probe', retryLimit: 3, deadLetter: 'backup-probe-dlq' });
  await jobs.schedule('backup-probe', '0 3 * * *', { nightly: true });
  await jobs.send('backup-probe', {
    n: 1,
    big: 12345678901234567890n.toString(),
    nested: { list: [1, 2.5, null] },
  });
  await jobs.send('backup-probe', { n: 2 }, { startAfterSeconds: 3600 });
  return made;
}

async function run(command: typeof backupCommand, args: string[], config: AppConfig) {
  const rec = recordingIo(dir);
  const code = await command.run(args, null, rec.io, config);
  return { code, out: rec.out, err: rec.err };
}

describe('pnpm parley backup / restore (PostgreSQL)', () => {
  let source: string;
  let target: string;
  let tenants: TestTenant[];
  const file = 'parley.backup.gz';

  beforeAll(async () => {
    source = await createTestDatabase('backup_src');
    target = await createTestDatabase('backup_dst');
    const t = await startTestApp({ DATABASE_URL: source });
    try {
      tenants = await populate(t, 3);
    } finally {
      await t.close();
    }
  });
  afterAll(async () => {
    await dropTestDatabase(source);
    await dropTestDatabase(target);
  });

  it('backs up a populated database and restores it, table by table the same, secrets still sealed', async () => {
    const backup = await run(backupCommand, [file], cliConfig({ DATABASE_URL: source }));
    expect(backup.err.join('\n')).toMatch(
      /^Backed up \d+ rows from \d+ tables \(schema \w+\) to parley.backup.gz: /,
    );
    expect(backup.code).toBe(0);

    // Secrets are in the file exactly as stored: ciphertext, never the plain value.
    const text = (await import('node:zlib')).gunzipSync(readFileSync(join(dir, file))).toString('utf8');
    expect(text).not.toContain('EAAG-token-0');
    expect(text).not.toContain('zoho-secret-1');
    expect(text).toMatch(/"access_token_enc":"v1:[0-9a-f]{8}:/);

    const restore = await run(restoreCommand, [file], cliConfig({ DATABASE_URL: target }));
    expect(restore.err[0]).toMatch(
      /^Restored \d+ rows into \d+ tables from parley.backup.gz \(made .* by Parley /,
    );
    expect(restore.code).toBe(0);

    const before = await snapshotDatabase(source);
    const after = await snapshotDatabase(target);
    expect(Object.keys(before.tables)).toEqual(
      expect.arrayContaining([
        'public.tenants',
        'public.tenant_configs',
        'public.users',
        'public.audit_events',
        'pgboss.queue',
        'pgboss.schedule',
      ]),
    );
    expect(before.tables['public.audit_events'].length).toBeGreaterThan(5);
    // pg-boss keeps each queue's jobs in a partition of its own.
    const probeJobs = Object.entries(before.tables)
      .filter(([name]) => /^pgboss\.j[0-9a-f]{56}$/.test(name))
      .flatMap(([, rows]) => rows)
      .filter((row) => row.includes('"name":"backup-probe"'));
    expect(probeJobs).toHaveLength(2);
    expect(after).toEqual(before);

    // The restored database serves Parley: users log in, secrets open, new rows get fresh ids.
    const t = await startTestApp({ DATABASE_URL: target });
    try {
      const admin = tenants[1].admin;
      const token = await login(t, admin.email, admin.password);
      expect((await t.http().get('/api/v1/tenant/settings').set(bearer(token))).status).toBe(200);
      const loaded = await t.app.get(ConfigLoader).forTenant(tenants[2].id);
      expect(loaded?.whatsapp.getAccessToken()).toBe('EAAG-token-2');
      expect(loaded?.crm.zoho.clientSecret).toBe('zoho-secret-2');
      await createTenant(t);
      expect(await t.app.get(JobQueue).queueSize('backup-probe')).toBe(2);

      // Not while Parley is connected to the target, even with --force.
      const busy = await run(restoreCommand, [file, '--force'], cliConfig({ DATABASE_URL: target }));
      expect(busy.code).toBe(1);
      expect(busy.err[0]).toMatch(
        /^Parley is connected to the target database \(parley: \d+.*\)\. Stop every API and worker process first\.$/,
      );
    } finally {
      await t.close();
    }
  });

  it('refuses a database that holds data unless told --force, and then replaces it', async () => {
    const changed = await snapshotDatabase(target);
    const refused = await run(restoreCommand, [file], cliConfig({ DATABASE_URL: target }));
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toMatch(
      /^The target database holds data \(pgboss\.job: 2 rows, public\.audit_events: \d+ rows, .*public\.tenants: 4 rows, public\.users: \d+ rows\)\. Restore into an empty database, or add --force to replace everything in it\.$/,
    );
    expect(await snapshotDatabase(target)).toEqual(changed);

    const forced = await run(restoreCommand, [file, '--force'], cliConfig({ DATABASE_URL: target }));
    expect(forced.code).toBe(0);
    expect(forced.err).toContain('The data that was in the database before was replaced (--force).');
    expect(await snapshotDatabase(target)).toEqual(await snapshotDatabase(source));
  });

  it('refuses to overwrite a backup file unless told --force', async () => {
    const again = await run(backupCommand, [file], cliConfig({ DATABASE_URL: source }));
    expect(again).toMatchObject({
      code: 1,
      err: ['parley.backup.gz exists: choose another name, or add --force to overwrite it.'],
    });
    expect((await run(backupCommand, [file, '--force'], cliConfig({ DATABASE_URL: source }))).code).toBe(0);
  });

  it('refuses files that are not whole Parley backups, leaving the target empty', async () => {
    const empty = await createTestDatabase('backup_bad');
    try {
      writeFileSync(join(dir, 'not-a-backup.gz'), 'hello');
      const notGzip = await run(restoreCommand, ['not-a-backup.gz'], cliConfig({ DATABASE_URL: empty }));
      expect(notGzip).toMatchObject({
        code: 1,
        err: ['This is not a Parley backup, or it is damaged (not valid gzip data)'],
      });

      const zlib = await import('node:zlib');
      writeFileSync(join(dir, 'json.gz'), zlib.gzipSync('{"hello":"world"}\n'));
      expect((await run(restoreCommand, ['json.gz'], cliConfig({ DATABASE_URL: empty }))).err).toEqual([
        'This is not a Parley backup (no backup header)',
      ]);

      // Cut before the trailer, or inside a table: every line is valid, but the end is missing.
      const lines = zlib
        .gunzipSync(readFileSync(join(dir, file)))
        .toString('utf8')
        .trimEnd()
        .split('\n');
      writeFileSync(join(dir, 'cut.gz'), zlib.gzipSync(lines.slice(0, -1).join('\n') + '\n'));
      const cut = await run(restoreCommand, ['cut.gz'], cliConfig({ DATABASE_URL: empty }));
      expect(cut).toMatchObject({
        code: 1,
        err: ['The backup is truncated (it has no trailer): nothing was restored'],
      });
      expect((await snapshotDatabase(empty)).tables['public.tenants']).toEqual([]);
      const lastTable = (JSON.parse(lines.at(-3)!) as { name: string }).name;
      writeFileSync(join(dir, 'cut.gz'), zlib.gzipSync(lines.slice(0, -3).join('\n') + '\n'));
      expect((await run(restoreCommand, ['cut.gz'], cliConfig({ DATABASE_URL: empty }))).err).toEqual([
        `The backup is truncated inside ${lastTable}: nothing was restored`,
      ]);
      expect((await snapshotDatabase(empty)).tables['public.users']).toEqual([]);

      // A newer Parley's backup (a migration this version lacks) is refused before anything changes.
      const header = JSON.parse(lines[0]) as { migrations: string[] };
      header.migrations.push('FromTheFuture1999999999999');
      writeFileSync(
        join(dir, 'future.gz'),
        zlib.gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n') + '\n'),
      );
      const future = await run(restoreCommand, ['future.gz'], cliConfig({ DATABASE_URL: empty }));
      expect(future.code).toBe(1);
      expect(future.err[0]).toMatch(
        /^This backup's schema has migration FromTheFuture1999999999999, which this version of Parley does not have/,
      );
    } finally {
      await dropTestDatabase(empty);
    }
  });

  it('takes one snapshot while Parley keeps writing', async () => {
    const live = await createTestDatabase('backup_live');
    const copy = await createTestDatabase('backup_copy');
    const t = await startTestApp({ DATABASE_URL: live });
    try {
      await createTenant(t);
      let writing = true;
      const writer = (async () => {
        let n = 0;
        while (writing) {
          await createTenant(t, { name: `Busy ${n++}` });
        }
        return n;
      })();
      await new Promise((r) => setTimeout(r, 300));
      const backup = await run(backupCommand, ['live.gz'], cliConfig({ DATABASE_URL: live }));
      writing = false;
      const written = await writer;
      expect(backup.code).toBe(0);
      expect((await run(restoreCommand, ['live.gz'], cliConfig({ DATABASE_URL: copy }))).code).toBe(0);

      const restored = await snapshotDatabase(copy);
      const tenantIds = restored.tables['public.tenants']
        .map((r) => (JSON.parse(r) as { id: string }).id)
        .sort();
      const audited = restored.tables['public.audit_events']
        .map((r) => JSON.parse(r) as { action: string; target_id: string })
        .filter((e) => e.action === 'tenant.create')
        .map((e) => e.target_id)
        .sort();
      // Every tenant and its audit event were written in one transaction: a snapshot has both or neither.
      expect(audited).toEqual(tenantIds);
      expect(tenantIds.length).toBeGreaterThan(1);
      expect(tenantIds.length).toBeLessThan(written + 2);
    } finally {
      await t.close();
      await dropTestDatabase(live);
      await dropTestDatabase(copy);
    }
  });
});

describe('pnpm parley backup / restore (embedded database to PostgreSQL and back)', () => {
  it('moves an embedded database onto a PostgreSQL server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-embedded-backup-'));
    const embedded = { DATABASE_URL: undefined, DATA_DIR: dataDir };
    const target = await createTestDatabase('from_embedded');
    let tenant: TestTenant;
    const t = await startTestApp(embedded);
    try {
      [tenant] = await populate(t, 2);
    } finally {
      await t.close();
    }
    try {
      const backup = await run(backupCommand, ['embedded.gz'], cliConfig(embedded));
      expect(backup.code).toBe(0);
      const restore = await run(restoreCommand, ['embedded.gz'], cliConfig({ DATABASE_URL: target }));
      expect(restore.code).toBe(0);

      const db = await EmbeddedPostgres.start(dataDir);
      let fromEmbedded;
      try {
        fromEmbedded = await snapshotDatabase(db.url);
      } finally {
        await db.stop();
      }
      expect(await snapshotDatabase(target)).toEqual(fromEmbedded);
      expect(statSync(join(dir, 'embedded.gz')).size).toBeGreaterThan(0);

      // And back into a new embedded database, as on a new machine.
      const newDataDir = mkdtempSync(join(tmpdir(), 'parley-embedded-restore-'));
      expect(
        (
          await run(
            restoreCommand,
            ['embedded.gz'],
            cliConfig({ DATABASE_URL: undefined, DATA_DIR: newDataDir }),
          )
        ).code,
      ).toBe(0);
      const restored = await EmbeddedPostgres.start(newDataDir);
      try {
        expect(await snapshotDatabase(restored.url)).toEqual(fromEmbedded);
      } finally {
        await restored.stop();
      }

      const onServer = await startTestApp({ DATABASE_URL: target });
      try {
        expect((await onServer.app.get(ConfigLoader).forTenant(tenant.id))?.whatsapp.getAccessToken()).toBe(
          'EAAG-token-0',
        );
      } finally {
        await onServer.close();
      }
    } finally {
      await dropTestDatabase(target);
    }
  });
});

describe('the built CLI: pnpm parley backup - | pnpm parley restore -', () => {
  it('streams a backup from one database into another through a pipe', async () => {
    const [source, target] = await Promise.all([
      createTestDatabase('pipe_src'),
      createTestDatabase('pipe_dst'),
    ]);
    try {
      const t = await startTestApp({ DATABASE_URL: source });
      try {
        await populate(t, 2);
        // Far more than a pipe buffers (64 KB), so the reader is still busy when the writer finishes.
        const noise = Array.from({ length: 3000 }, () => ({
          name: 'backup-probe',
          data: { noise: randomBytes(96).toString('base64') },
        }));
        await t.app.get(JobQueue).raw.insert(noise);
      } finally {
        await t.close();
      }
      const cli = join(DIST, 'cli.js');
      const { stderr } = await new Promise<{ stderr: string }>((resolve, reject) =>
        execFile(
          'sh',
          [
            '-c',
            `DATABASE_URL="$SRC" "$NODE" "$CLI" backup - | DATABASE_URL="$DST" "$NODE" "$CLI" restore -`,
          ],
          {
            env: {
              PATH: process.env.PATH,
              NODE: process.execPath,
              CLI: cli,
              SRC: source,
              DST: target,
              NODE_ENV: 'test',
              DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-pipe-')),
              JWT_SECRET: randomBytes(32).toString('hex'),
              ENCRYPTION_KEY: process.env.PARLEY_TEST_ENCRYPTION_KEY,
              LOG_LEVEL: 'warn',
            },
          },
          (error, _stdout, stderrText) =>
            error ? reject(new Error(`${error.message}\n${stderrText}`)) : resolve({ stderr: stderrText }),
        ),
      );
      expect(stderr).toMatch(/Backed up \d+ rows from \d+ tables .* to -: /);
      expect(stderr).toMatch(/Restored \d+ rows into \d+ tables from - /);
      expect(await snapshotDatabase(target)).toEqual(await snapshotDatabase(source));
    } finally {
      await dropTestDatabase(source);
      await dropTestDatabase(target);
    }
  });
});
