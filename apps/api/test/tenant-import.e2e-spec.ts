import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIo } from '../src/cli/cli-command';
import { exportTenantsCommand, importTenantsCommand } from '../src/modules/tenant-config/tenant.cli';
import { platformAdmin, uniqueTenantId } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

const dir = mkdtempSync(join(tmpdir(), 'parley-import-'));
function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
    path: (p) => join(dir, p),
  };
  return { io: value, out, err };
}

describe('pnpm parley import-tenants / export-tenants', () => {
  let t: TestApp;
  const a = uniqueTenantId('imp');
  const b = uniqueTenantId('imp');

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const file = (name: string, content: unknown) => {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return name;
  };

  it('creates and then updates tenants from a tenants.json, encrypting secrets', async () => {
    const legacy = {
      tenants: [
        {
          tenant_id: a,
          name: 'Lifecode India',
          crm: 'zoho',
          zoho: {
            client_id: '1000.X',
            client_secret: 'legacy-zoho-secret-AAAA',
            accounts_url: 'https://accounts.zoho.in',
            api_url: 'https://www.zohoapis.in',
          },
          branding: { welcome_message: 'Namaste', logo_url: 'https://lifecode.example/logo.png' },
        },
        { tenant_id: b, name: 'Acme', crm: 'hubspot', hubspot: { api_key: 'pat-legacy-BBBB' } },
      ],
    };
    const run1 = io();
    expect(await importTenantsCommand.run([file('tenants.json', legacy)], t.app, run1.io)).toBe(0);
    expect(run1.out).toEqual([`created ${a}`, `created ${b}`, 'Imported 2 tenants: 2 created, 0 updated.']);

    const root = await platformAdmin(t);
    const got = await t.http().get(`/api/v1/admin/tenants/${a}`).set(bearer(root.token));
    expect(got.body).toMatchObject({
      name: 'Lifecode India',
      crm: 'zoho',
      zoho: { client_secret: '***AAAA' },
      branding: { welcome_message: 'Namaste' },
    });
    const [row] = await t.dataSource.query(
      'SELECT zoho_client_secret_enc FROM crm_connections WHERE tenant_id = $1',
      [a],
    );
    expect(row.zoho_client_secret_enc).toMatch(/^v1:/);

    legacy.tenants[1].name = 'Acme Renamed';
    const run2 = io();
    expect(await importTenantsCommand.run([file('tenants.json', legacy)], t.app, run2.io)).toBe(0);
    expect(run2.out.at(-1)).toBe('Imported 2 tenants: 0 created, 2 updated.');
    expect((await t.http().get(`/api/v1/admin/tenants/${b}`).set(bearer(root.token))).body.name).toBe(
      'Acme Renamed',
    );
    const audit = await t
      .http()
      .get('/api/v1/admin/audit-events')
      .query({ tenant_id: b, action: 'tenant.import' })
      .set(bearer(root.token));
    expect(audit.body.total).toBe(2);
    expect(audit.body.items[0].actor).toMatchObject({ email: 'cli:import-tenants', role: 'cli' });
  });

  it('rejects a malformed file with the path of every bad field and imports nothing', async () => {
    const fresh = uniqueTenantId('never');
    const broken = {
      tenants: [
        { tenant_id: fresh, name: 'Would be fine' },
        { tenant_id: 'Bad Id', name: 'x', crm: 'salesforce' },
        { tenant_id: fresh, name: 'Duplicate', zoho: { client_secret: 42 }, colour: 'red' },
        'not an object',
      ],
    };
    const run = io();
    expect(await importTenantsCommand.run([file('broken.json', broken)], t.app, run.io)).toBe(1);
    const message = run.err.join('\n');
    expect(message).toContain('nothing was imported');
    expect(message).toContain('tenants[1].tenant_id must be 2-63 characters');
    expect(message).toContain('tenants[1].crm must be one of zoho, hubspot, local');
    expect(message).toContain('tenants[2].zoho.client_secret must be a string');
    expect(message).toContain('tenants[2].colour is not a known field');
    expect(message).toContain(`tenants[2].tenant_id "${fresh}" appears more than once`);
    expect(message).toContain('tenants[3] must be an object');
    expect(await t.dataSource.query('SELECT 1 FROM tenants WHERE id = $1', [fresh])).toHaveLength(0);

    const notJson = io();
    expect(await importTenantsCommand.run([file('bad.json', '{"tenants": [')], t.app, notJson.io)).toBe(1);
    expect(notJson.err.join('\n')).toContain('the file is not valid JSON');
    const missing = io();
    expect(await importTenantsCommand.run(['missing.json'], t.app, missing.io)).toBe(1);
    expect(missing.err[0]).toContain('Cannot read missing.json');
  });

  it('exports the same format with secrets masked', async () => {
    const run = io();
    expect(await exportTenantsCommand.run(['export.json'], t.app, run.io)).toBe(0);
    const exported = JSON.parse(readFileSync(join(dir, 'export.json'), 'utf8'));
    const entry = exported.tenants.find((x: { tenant_id: string }) => x.tenant_id === a);
    expect(entry).toEqual({
      tenant_id: a,
      name: 'Lifecode India',
      crm: 'zoho',
      zoho: {
        client_id: '1000.X',
        client_secret: '***AAAA',
        accounts_url: 'https://accounts.zoho.in',
        api_url: 'https://www.zohoapis.in',
      },
      hubspot: {},
      branding: { welcome_message: 'Namaste', logo_url: 'https://lifecode.example/logo.png' },
    });
    expect(JSON.stringify(exported)).not.toContain('legacy-zoho-secret-AAAA');
    // Importing an export back must not overwrite real secrets with masks.
    const back = io();
    expect(await importTenantsCommand.run(['export.json'], t.app, back.io)).toBe(1);
    expect(back.err.join('\n')).toContain('zoho.client_secret is a masked value');
  });
});
