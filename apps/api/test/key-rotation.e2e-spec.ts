import { randomBytes } from 'node:crypto';
import { rotateKeyCommand } from '../src/cli/rotate-key.command';
import { keyIdOf } from '../src/common/crypto/secret-box';
import { SECRET_COLUMNS } from '../src/database/secret-columns';
import { ConfigLoader } from '../src/modules/tenant-config/config-loader.service';
import { createTenant, createWhatsAppConfig } from './support/fixtures';
import { bearer, startTestApp } from './support/test-app';
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
});
