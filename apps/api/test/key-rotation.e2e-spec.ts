import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupCommand, restoreCommand } from '../src/cli/backup.command';
import { rotateKeyCommand } from '../src/cli/rotate-key.command';
import { loadConfig } from '../src/config/config';
import { keyIdOf } from '../src/common/crypto/secret-box';
import { SECRET_COLUMNS } from '../src/database/secret-columns';
import { ConfigLoader } from '../src/modules/tenant-config/config-loader.service';
import { createTenant, createWhatsAppConfig } from './support/fixtures';
import { recordingIo } from './support/cli';
import { bearer, startTestApp, testEnv } from './support/test-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

describe('key rotation', () => {
  it('re-seals every secret with the new key, after which the old key can go', async () => {
    const url = await createTestDatabase('rotation');
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const shared = { DATABASE_URL: url, JWT_SECRET: 'j'.repeat(40) };
    let tenantId = '';
    const withOld = await startTestApp({ ...shared, ENCRYPTION_KEY: oldKey });
    try {
      const tenant = await createTenant(withOld, {
        crm: 'zoho',
        zoho: { client_secret: 'zoho-secret-1', refresh_token: 'refresh-1' },
        hubspot: { api_key: 'pat-1' },
      });
      await createWhatsAppConfig(withOld, tenant, {
        access_token: 'EAAG-token-rotate',
        fb_app_secret: 'app-secret-1',
      });
      tenantId = tenant.id;
    } finally {
      await withOld.close();
    }

    const rotating = await startTestApp({ ...shared, ENCRYPTION_KEY: newKey, ENCRYPTION_KEYS_OLD: oldKey });
    try {
      const out: string[] = [];
      const code = await rotateKeyCommand.run([], rotating.app, {
        out: (l) => void out.push(l),
        err: (l) => void out.push(l),
        path: (p) => p,
      });
      expect(code).toBe(0);
      expect(out[0]).toBe('Re-sealed 6 secrets with the current key; 0 already used it.');
      const again: string[] = [];
      await rotateKeyCommand.run([], rotating.app, {
        out: (l) => void again.push(l),
        err: (l) => void again.push(l),
        path: (p) => p,
      });
      expect(again[0]).toBe('Re-sealed 0 secrets with the current key; 6 already used it.');
    } finally {
      await rotating.close();
    }

    const newOnly = await startTestApp({ ...shared, ENCRYPTION_KEY: newKey });
    try {
      const newId = keyIdOf(Buffer.from(newKey, 'base64'));
      for (const { table, columns } of SECRET_COLUMNS) {
        for (const column of columns) {
          const rows = await newOnly.dataSource.query(
            `SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`,
          );
          for (const row of rows) expect(row.v.startsWith(`v1:${newId}:`)).toBe(true);
        }
      }
      const loaded = await newOnly.app.get(ConfigLoader).forTenant(tenantId);
      expect(loaded?.whatsapp.getAccessToken()).toBe('EAAG-token-rotate');
      expect(loaded?.crm.zoho.clientSecret).toBe('zoho-secret-1');
    } finally {
      await newOnly.close();
      await dropTestDatabase(url);
    }
  });

  it('reports secrets that no configured key can open', async () => {
    const url = await createTestDatabase('rotation');
    const shared = { DATABASE_URL: url, JWT_SECRET: 'j'.repeat(40) };
    const first = await startTestApp({ ...shared, ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    try {
      const tenant = await createTenant(first, { hubspot: { api_key: 'pat-lost' } });
      expect((await first.http().get('/api/v1/tenant/settings').set(bearer(tenant.admin.token))).status).toBe(
        200,
      );
    } finally {
      await first.close();
    }
    const lost = await startTestApp({ ...shared, ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    try {
      const err: string[] = [];
      const code = await rotateKeyCommand.run([], lost.app, {
        out: () => undefined,
        err: (l) => void err.push(l),
        path: (p) => p,
      });
      expect(code).toBe(1);
      expect(err[0]).toContain('1 secrets could not be opened');
      expect(err[1]).toMatch(/crm_connections\.hubspot_api_key_enc\[/);
    } finally {
      await lost.close();
      await dropTestDatabase(url);
    }
  });

  it('keeps backups restorable across a rotation: old backups need the old key until rotated again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-rotation-backup-'));
    const [source, fromOld, fromNew] = await Promise.all(
      ['rot_src', 'rot_old', 'rot_new'].map((label) => createTestDatabase(label)),
    );
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const oldId = keyIdOf(Buffer.from(oldKey, 'base64'));
    const env = (url: string, key: string, old?: string) => ({
      DATABASE_URL: url,
      JWT_SECRET: 'j'.repeat(40),
      ENCRYPTION_KEY: key,
      ENCRYPTION_KEYS_OLD: old,
    });
    const cli = async (
      command: typeof backupCommand,
      args: string[],
      vars: Record<string, string | undefined>,
    ) => {
      const rec = recordingIo(dir);
      const code = await command.run(args, null, rec.io, loadConfig(testEnv(vars)));
      return { code, err: rec.err };
    };
    const rotate = async (vars: Record<string, string | undefined>) => {
      const t = await startTestApp(vars);
      try {
        const rec = recordingIo(dir);
        expect(await rotateKeyCommand.run([], t.app, rec.io)).toBe(0);
        return rec.out[0];
      } finally {
        await t.close();
      }
    };
    const accessToken = async (vars: Record<string, string | undefined>, tenantId: string) => {
      const t = await startTestApp(vars);
      try {
        return (await t.app.get(ConfigLoader).forTenant(tenantId))?.whatsapp.getAccessToken();
      } finally {
        await t.close();
      }
    };

    try {
      const first = await startTestApp(env(source, oldKey));
      let tenantId: string;
      try {
        const tenant = await createTenant(first, { hubspot: { api_key: 'pat-backup' } });
        await createWhatsAppConfig(first, tenant, { access_token: 'EAAG-before-rotation' });
        tenantId = tenant.id;
      } finally {
        await first.close();
      }
      const before = await cli(backupCommand, ['before.gz'], env(source, oldKey));
      expect(before.err[1]).toBe(
        `Its secrets are sealed with encryption key ${oldId}: keep that key (ENCRYPTION_KEY) with the backup, stored apart from it.`,
      );
      expect(await rotate(env(source, newKey, oldKey))).toBe(
        'Re-sealed 3 secrets with the current key; 0 already used it.',
      );
      expect((await cli(backupCommand, ['after.gz'], env(source, newKey))).code).toBe(0);

      // The backup from before the rotation restores, and says which key its secrets need.
      const old = await cli(restoreCommand, ['before.gz'], env(fromOld, newKey));
      expect(old.code).toBe(0);
      expect(old.err.at(-1)).toBe(
        `Warning: the restored secrets are sealed with encryption key ${oldId}, which is not configured. ` +
          'Set ENCRYPTION_KEY (or ENCRYPTION_KEYS_OLD, then run `pnpm parley rotate-key`) to the key in use when the backup was made.',
      );
      // With the old key among the old keys it reads; one more rotation and the new key alone suffices.
      expect(await accessToken(env(fromOld, newKey, oldKey), tenantId)).toBe('EAAG-before-rotation');
      expect(await rotate(env(fromOld, newKey, oldKey))).toBe(
        'Re-sealed 3 secrets with the current key; 0 already used it.',
      );
      expect(await accessToken(env(fromOld, newKey), tenantId)).toBe('EAAG-before-rotation');

      // The backup from after the rotation needs only the new key.
      const fresh = await cli(restoreCommand, ['after.gz'], env(fromNew, newKey));
      expect(fresh.code).toBe(0);
      expect(fresh.err.join('\n')).not.toContain('Warning');
      expect(await accessToken(env(fromNew, newKey), tenantId)).toBe('EAAG-before-rotation');
    } finally {
      for (const url of [source, fromOld, fromNew]) await dropTestDatabase(url);
    }
  });
});
