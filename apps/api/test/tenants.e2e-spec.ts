import { createTenant, platformAdmin, uniqueTenantId } from './support/fixtures';
import { bearer, login, startTestApp, TestApp, TestUser, uniqueEmail } from './support/test-app';

describe('tenants (platform admin API)', () => {
  let t: TestApp;
  let root: TestUser;
  const admin = () => ({ ...bearer(root.token) });

  beforeAll(async () => {
    t = await startTestApp();
    root = await platformAdmin(t);
  });
  afterAll(() => t.close());

  it('creates a tenant in the tenants.json-like shape, secrets masked', async () => {
    const id = uniqueTenantId('lifecode');
    const res = await t
      .http()
      .post('/api/v1/admin/tenants')
      .set(admin())
      .send({
        id,
        name: 'Lifecode India',
        default_country: 'in',
        branding: { welcome_message: 'Namaste!', logo_url: 'https://cdn.example.com/logo.png' },
        crm: 'zoho',
        zoho: {
          client_id: '1000.ABC',
          client_secret: 'zoho-client-secret-9876',
          accounts_url: 'https://accounts.zoho.in/',
          api_url: 'https://www.zohoapis.in',
          refresh_token: '1000.refresh.token.5555',
        },
        llm: { provider: 'ollama', model: 'phi3:mini', allow_switch: false, system_prompt: 'Be brief.' },
      });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id,
      name: 'Lifecode India',
      status: 'active',
      default_country: 'IN',
      branding: { welcome_message: 'Namaste!', logo_url: 'https://cdn.example.com/logo.png' },
      crm: 'zoho',
      zoho: {
        client_id: '1000.ABC',
        client_secret: '***9876',
        accounts_url: 'https://accounts.zoho.in',
        api_url: 'https://www.zohoapis.in',
        refresh_token: '***5555',
      },
      hubspot: { api_key: null },
      llm: {
        provider: 'ollama',
        model: 'phi3:mini',
        allow_switch: false,
        system_prompt: 'Be brief.',
        gemini_api_key: null,
      },
      bot_texts: {},
      lead_capture: { allow_skip_email: true },
      reengagement_template: null,
      whatsapp: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const [row] = await t.dataSource.query('SELECT * FROM crm_connections WHERE tenant_id = $1', [id]);
    expect(row.zoho_client_secret_enc).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(JSON.stringify(row)).not.toContain('zoho-client-secret-9876');
  });

  it('refuses a bad id, a duplicate id, unknown fields and bad nested values with clear 4xx', async () => {
    const bad = await t
      .http()
      .post('/api/v1/admin/tenants')
      .set(admin())
      .send({
        id: 'Has Spaces',
        name: '',
        crm: 'salesforce',
        llm: { provider: 'gpt' },
        extra: true,
        branding: { logo_url: 'not a url' },
      });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('id must be 2-63 characters'),
        'name must not be empty',
        'crm must be one of zoho, hubspot, local',
        'llm.provider must be one of gemini, ollama',
        'property extra should not exist',
        'branding.logo_url must be an http(s) URL of the image',
      ]),
    );
    const { id } = await createTenant(t);
    const dup = await t.http().post('/api/v1/admin/tenants').set(admin()).send({ id, name: 'Again' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe(`A tenant with id "${id}" already exists`);
  });

  it('patches partially: nested fields merge, absent secrets stay, null clears, masked values are refused', async () => {
    const { id } = await createTenant(t, {
      crm: 'hubspot',
      hubspot: { api_key: 'pat-na1-secret-1111' },
      branding: { welcome_message: 'Hi', logo_url: 'https://x.example/logo.png' },
    });
    const patched = await t
      .http()
      .patch(`/api/v1/admin/tenants/${id}`)
      .set(admin())
      .send({ branding: { welcome_message: 'Hello again' }, status: 'suspended' });
    expect(patched.status).toBe(200);
    expect(patched.body.branding).toEqual({
      welcome_message: 'Hello again',
      logo_url: 'https://x.example/logo.png',
    });
    expect(patched.body.hubspot.api_key).toBe('***1111');
    expect(patched.body.status).toBe('suspended');

    const masked = await t
      .http()
      .patch(`/api/v1/admin/tenants/${id}`)
      .set(admin())
      .send({ hubspot: { api_key: '***1111' } });
    expect(masked.status).toBe(400);
    expect(masked.body.message).toContain('hubspot.api_key is a masked value');
    expect((await t.http().get(`/api/v1/admin/tenants/${id}`).set(admin())).body.hubspot.api_key).toBe(
      '***1111',
    );

    const cleared = await t
      .http()
      .patch(`/api/v1/admin/tenants/${id}`)
      .set(admin())
      .send({ hubspot: { api_key: null } });
    expect(cleared.body.hubspot.api_key).toBeNull();

    const idChange = await t.http().patch(`/api/v1/admin/tenants/${id}`).set(admin()).send({ id: 'other' });
    expect(idChange.status).toBe(400);
    expect(
      (await t.http().patch('/api/v1/admin/tenants/no_such_tenant').set(admin()).send({ name: 'x' })).status,
    ).toBe(404);
  });

  it('lists with pagination, search and filters', async () => {
    const marker = uniqueTenantId('zz').replace('zz_', 'zq');
    for (let i = 0; i < 3; i++) {
      await createTenant(t, {
        id: `${marker}_${i}`,
        name: `Searchable ${marker} ${i}`,
        crm: i === 0 ? 'zoho' : 'local',
      });
    }
    const page = await t
      .http()
      .get('/api/v1/admin/tenants')
      .query({ search: marker.toUpperCase(), page_size: 2 })
      .set(admin());
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 3, page: 1, page_size: 2 });
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([`${marker}_0`, `${marker}_1`]);
    const second = await t
      .http()
      .get('/api/v1/admin/tenants')
      .query({ search: marker, page_size: 2, page: 2 })
      .set(admin());
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([`${marker}_2`]);
    const zoho = await t
      .http()
      .get('/api/v1/admin/tenants')
      .query({ search: marker, crm: 'zoho' })
      .set(admin());
    expect(zoho.body.total).toBe(1);
    const notOnboarded = await t
      .http()
      .get('/api/v1/admin/tenants')
      .query({ search: marker, onboarded: 'false' })
      .set(admin());
    expect(notOnboarded.body.total).toBe(3);
    const badQuery = await t
      .http()
      .get('/api/v1/admin/tenants')
      .query({ page_size: 1000, onboarded: 'maybe' })
      .set(admin());
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.message).toContain('page_size must not be greater than 100');
    expect(badQuery.body.message).toContain('onboarded must be true or false');
  });

  it('deletes a tenant with every row and secret it owns, and keeps the audit trail', async () => {
    const tenant = await createTenant(t, { crm: 'hubspot', hubspot: { api_key: 'pat-to-be-deleted' } });
    await t
      .http()
      .post('/api/v1/tenant/config')
      .set(bearer(tenant.admin.token))
      .send({ phone_number_id: `9${Date.now()}`, access_token: 'EAAG-delete-me-please' });
    const res = await t.http().delete(`/api/v1/admin/tenants/${tenant.id}`).set(admin());
    expect(res.status).toBe(204);
    for (const table of ['tenants', 'crm_connections', 'tenant_configs', 'phone_numbers', 'users']) {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      const rows = await t.dataSource.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [tenant.id]);
      expect({ table, rows: rows.length }).toEqual({ table, rows: 0 });
    }
    expect((await t.http().get('/api/v1/auth/me').set(bearer(tenant.admin.token))).status).toBe(401);
    const audit = await t
      .http()
      .get('/api/v1/admin/audit-events')
      .query({ tenant_id: tenant.id, action: 'tenant.delete' })
      .set(admin());
    expect(audit.body.total).toBe(1);
    expect(JSON.stringify(audit.body)).not.toContain('pat-to-be-deleted');
    expect((await t.http().delete(`/api/v1/admin/tenants/${tenant.id}`).set(admin())).status).toBe(404);
  });
});

describe('tenant admins (platform admin API)', () => {
  let t: TestApp;
  let root: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    root = await platformAdmin(t);
  });
  afterAll(() => t.close());

  it('creates an admin who can log in, lists, resets the password, disables, deletes', async () => {
    const { id } = await createTenant(t);
    const email = uniqueEmail('owner');
    const created = await t
      .http()
      .post(`/api/v1/admin/tenants/${id}/users`)
      .set(bearer(root.token))
      .send({ email: email.toUpperCase(), password: 'initial-password' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email,
      role: 'tenant_admin',
      tenant_id: id,
      disabled: false,
      last_login_at: null,
      created_at: expect.any(String),
    });
    expect(created.body).not.toHaveProperty('password_hash');
    const userId = created.body.id;
    const token = await login(t, email, 'initial-password');
    expect((await t.http().get('/api/v1/auth/me').set(bearer(token))).body.tenant_id).toBe(id);

    const list = await t.http().get(`/api/v1/admin/tenants/${id}/users`).set(bearer(root.token));
    expect(list.body.map((u: { email: string }) => u.email)).toContain(email);

    const dup = await t
      .http()
      .post(`/api/v1/admin/tenants/${id}/users`)
      .set(bearer(root.token))
      .send({ email, password: 'another-password' });
    expect(dup.status).toBe(409);
    const short = await t
      .http()
      .post(`/api/v1/admin/tenants/${id}/users`)
      .set(bearer(root.token))
      .send({ email: uniqueEmail(), password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.message).toBe('password must be at least 10 characters long');

    const reset = await t
      .http()
      .patch(`/api/v1/admin/tenants/${id}/users/${userId}`)
      .set(bearer(root.token))
      .send({ password: 'brand-new-password' });
    expect(reset.status).toBe(200);
    await login(t, email, 'brand-new-password');

    const disabled = await t
      .http()
      .patch(`/api/v1/admin/tenants/${id}/users/${userId}`)
      .set(bearer(root.token))
      .send({ disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await t.http().get('/api/v1/auth/me').set(bearer(token))).status).toBe(401);

    const actions = await t
      .http()
      .get('/api/v1/admin/audit-events')
      .query({ tenant_id: id, action: 'user.' })
      .set(bearer(root.token));
    const forThisUser = actions.body.items.filter((e: { target_id: string }) => e.target_id === userId);
    expect(forThisUser.map((e: { action: string }) => e.action)).toEqual([
      'user.disable',
      'user.password_reset',
      'user.create',
    ]);
    expect(JSON.stringify(actions.body)).not.toContain('brand-new-password');

    expect(
      (await t.http().delete(`/api/v1/admin/tenants/${id}/users/${userId}`).set(bearer(root.token))).status,
    ).toBe(204);
    expect(
      (await t.http().get(`/api/v1/admin/tenants/${id}/users/${userId}`).set(bearer(root.token))).status,
    ).toBe(404);
  });

  it("does not reach one tenant's user through another tenant's path", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const path = `/api/v1/admin/tenants/${b.id}/users/${a.admin.id}`;
    expect((await t.http().get(path).set(bearer(root.token))).status).toBe(404);
    expect((await t.http().patch(path).set(bearer(root.token)).send({ disabled: true })).status).toBe(404);
    expect((await t.http().delete(path).set(bearer(root.token))).status).toBe(404);
    expect((await t.http().get('/api/v1/auth/me').set(bearer(a.admin.token))).status).toBe(200);
    expect((await t.http().get('/api/v1/admin/tenants/nope/users').set(bearer(root.token))).status).toBe(404);
  });
});

describe('tenant settings (tenant admin API)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reads and edits its own branding, CRM and LLM settings, but not its id or status', async () => {
    const tenant = await createTenant(t);
    const me = bearer(tenant.admin.token);
    const read = await t.http().get('/api/v1/tenant/settings').set(me);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(tenant.id);

    const updated = await t
      .http()
      .patch('/api/v1/tenant/settings')
      .set(me)
      .send({
        branding: { welcome_message: 'Welcome!' },
        crm: 'hubspot',
        hubspot: { api_key: 'pat-eu1-abcd-7777' },
        llm: { allow_switch: false },
      });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      crm: 'hubspot',
      hubspot: { api_key: '***7777' },
      llm: { allow_switch: false },
    });

    for (const forbidden of [{ status: 'suspended' }, { id: 'renamed' }]) {
      const res = await t.http().patch('/api/v1/tenant/settings').set(me).send(forbidden);
      expect(res.status).toBe(400);
    }
    const audit = await t.http().get('/api/v1/tenant/audit-events').set(me);
    expect(audit.body.items[0]).toMatchObject({
      action: 'tenant.settings.update',
      tenant_id: tenant.id,
      actor: { email: tenant.admin.email },
    });
  });

  it('is not for platform admins', async () => {
    const root = await platformAdmin(t);
    expect((await t.http().get('/api/v1/tenant/settings').set(bearer(root.token))).status).toBe(403);
  });
});

describe('admin rate limit', () => {
  it('answers 429 with Retry-After past ADMIN_RATE_LIMIT_PER_MINUTE', async () => {
    const t = await startTestApp({ ADMIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const root = await platformAdmin(t);
      for (let i = 0; i < 3; i++)
        expect((await t.http().get('/api/v1/admin/tenants').set(bearer(root.token))).status).toBe(200);
      const res = await t.http().get('/api/v1/admin/tenants').set(bearer(root.token));
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
