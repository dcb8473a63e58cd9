import { ConfigLoader } from '../src/modules/tenant-config/config-loader.service';
import { createTenant, createWhatsAppConfig, platformAdmin, TestTenant } from './support/fixtures';
import { bearer, startIsolatedTestApp, startTestApp, TestApp, TestUser } from './support/test-app';

const phoneId = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;

describe('WhatsApp configuration (tenant API)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const me = () => bearer(tenant.admin.token);

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://parley.example.com' });
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  it('creates, masks, reveals (audited), updates, toggles and deletes the config', async () => {
    expect((await t.http().get('/api/v1/tenant/config').set(me())).status).toBe(404);
    const phone = phoneId();
    const created = await t.http().post('/api/v1/tenant/config').set(me()).send({
      waba_id: '102290129340398',
      phone_number_id: phone,
      display_phone_number: '+1 555-078-3881',
      access_token: 'EAAGtokenvalueABCD',
      fb_app_id: '123456',
      fb_app_secret: 'app-secret-WXYZ',
      token_expires_at: '2030-01-01T00:00:00.000Z',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tenant_id: tenant.id,
      waba_id: '102290129340398',
      phone_number_id: phone,
      access_token: '***ABCD',
      fb_app_secret: '***WXYZ',
      webhook_verify_token: expect.stringMatching(/^\*\*\*.{4}$/),
      callback_url: `https://parley.example.com/webhooks/whatsapp/${tenant.id}`,
      onboarding_completed: false,
      is_active: true,
      phone_numbers: [
        {
          phone_number_id: phone,
          display_phone_number: '+1 555-078-3881',
          verified_name: null,
          quality_rating: null,
          is_primary: true,
        },
      ],
    });

    const again = await t
      .http()
      .post('/api/v1/tenant/config')
      .set(me())
      .send({ phone_number_id: phoneId(), access_token: 'EAAGanother-token' });
    expect(again.status).toBe(409);

    const full = await t.http().get('/api/v1/tenant/config/full').set(me());
    expect(full.body.access_token).toBe('EAAGtokenvalueABCD');
    expect(full.body.fb_app_secret).toBe('app-secret-WXYZ');
    expect(full.body.webhook_verify_token).toHaveLength(32);
    const reveals = await t
      .http()
      .get('/api/v1/tenant/audit-events')
      .query({ action: 'config.reveal' })
      .set(me());
    expect(reveals.body.total).toBe(1);

    // A partial update takes effect at once, secrets absent from the body are kept.
    const put = await t
      .http()
      .put('/api/v1/tenant/config')
      .set(me())
      .send({ callback_url: 'https://hooks.example.com/wa', onboarding_completed: true });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      callback_url: 'https://hooks.example.com/wa',
      access_token: '***ABCD',
      onboarding_completed: true,
    });
    expect(put.body.onboarding_completed_at).toEqual(expect.any(String));
    const loaded = await t.app.get(ConfigLoader).forTenant(tenant.id);
    expect(loaded?.whatsapp.getCallbackUrl()).toBe('https://hooks.example.com/wa');
    expect(loaded?.whatsapp.getAccessToken()).toBe('EAAGtokenvalueABCD');

    const masked = await t.http().put('/api/v1/tenant/config').set(me()).send({ access_token: '***ABCD' });
    expect(masked.status).toBe(400);
    expect(masked.body.message).toContain('access_token is a masked value');
    const badIds = await t
      .http()
      .put('/api/v1/tenant/config')
      .set(me())
      .send({ phone_number_id: 'abc', waba_id: '12x', tenant_id: 'other' });
    expect(badIds.status).toBe(400);
    expect(badIds.body.details).toEqual(
      expect.arrayContaining([
        'phone_number_id must be the numeric phone number id from Meta',
        'waba_id must be the numeric WhatsApp Business Account id',
        'property tenant_id should not exist',
      ]),
    );

    const off = await t.http().post('/api/v1/tenant/config/deactivate').set(me());
    expect(off.status).toBe(200);
    expect(off.body.is_active).toBe(false);
    expect((await t.app.get(ConfigLoader).forTenant(tenant.id))?.whatsapp.hasTenantConfig()).toBe(false);
    expect((await t.http().post('/api/v1/tenant/config/activate').set(me())).body.is_active).toBe(true);

    expect((await t.http().delete('/api/v1/tenant/config').set(me())).status).toBe(204);
    expect((await t.http().get('/api/v1/tenant/config').set(me())).status).toBe(404);
    expect(
      await t.dataSource.query('SELECT 1 FROM phone_numbers WHERE phone_number_id = $1', [phone]),
    ).toHaveLength(0);

    const trail = await t.http().get('/api/v1/tenant/audit-events').query({ action: 'config.' }).set(me());
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      'config.delete',
      'config.activate',
      'config.deactivate',
      'config.update',
      'config.reveal',
      'config.create',
    ]);
  });

  it('refuses a phone_number_id that another tenant already owns, and changes nothing', async () => {
    const other = await createTenant(t);
    const owned = await createWhatsAppConfig(t, other);
    const mine = await createTenant(t);
    const res = await t
      .http()
      .post('/api/v1/tenant/config')
      .set(bearer(mine.admin.token))
      .send({ phone_number_id: owned.phone_number_id, access_token: 'EAAGmine-token-0000' });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      `phone_number_id ${String(owned.phone_number_id)} is already connected to another tenant`,
    );
    expect((await t.http().get('/api/v1/tenant/config').set(bearer(mine.admin.token))).status).toBe(404);

    await createWhatsAppConfig(t, mine);
    const move = await t
      .http()
      .put('/api/v1/tenant/config')
      .set(bearer(mine.admin.token))
      .send({ phone_number_id: owned.phone_number_id });
    expect(move.status).toBe(409);
  });

  it('lets only one of two simultaneous claims on a number win', async () => {
    const [a, b] = [await createTenant(t), await createTenant(t)];
    const phone = phoneId();
    const results = await Promise.all(
      [a, b].map((x) =>
        t
          .http()
          .post('/api/v1/tenant/config')
          .set(bearer(x.admin.token))
          .send({ phone_number_id: phone, access_token: 'EAAGrace-token-1234' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});

describe('WhatsApp configurations (platform admin API)', () => {
  let t: TestApp;
  let root: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    root = await platformAdmin(t);
  });
  afterAll(() => t.close());

  it('lists every config masked, filtered, with the tenant name', async () => {
    const tenant = await createTenant(t, { name: 'Listed Tenant' });
    await createWhatsAppConfig(t, tenant, { access_token: 'EAAGlisted-token-LIST' });
    const res = await t
      .http()
      .get('/api/v1/admin/configs/all')
      .query({ search: tenant.id, active: 'true' })
      .set(bearer(root.token));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      tenant_id: tenant.id,
      tenant_name: 'Listed Tenant',
      access_token: '***LIST',
    });
    const inactive = await t
      .http()
      .get('/api/v1/admin/configs/all')
      .query({ search: tenant.id, active: 'false' })
      .set(bearer(root.token));
    expect(inactive.body.total).toBe(0);
  });

  it('counts tenants, configs, CRMs, LLMs and expiring tokens', async () => {
    const before = (await t.http().get('/api/v1/admin/configs/stats').set(bearer(root.token))).body;
    const tenant = await createTenant(t, { crm: 'hubspot', llm: { provider: 'ollama' } });
    await createWhatsAppConfig(t, tenant, {
      token_expires_at: new Date(Date.now() + 2 * 86400_000).toISOString(),
      onboarding_completed: true,
    });
    const after = (await t.http().get('/api/v1/admin/configs/stats').set(bearer(root.token))).body;
    expect(after.tenants.total - before.tenants.total).toBe(1);
    expect(after.configs.total - before.configs.total).toBe(1);
    expect(after.configs.onboarded - before.configs.onboarded).toBe(1);
    expect(after.by_crm.hubspot - before.by_crm.hubspot).toBe(1);
    expect(after.by_llm.ollama - before.by_llm.ollama).toBe(1);
    expect(after.tokens_expiring - before.tokens_expiring).toBe(1);
    expect(Object.keys(after).sort()).toEqual([
      'by_crm',
      'by_llm',
      'configs',
      'tenants',
      'tokens_expired',
      'tokens_expiring',
    ]);
  });

  it("shows a platform admin one tenant's config, masked, and says which thing is missing", async () => {
    const tenant = await createTenant(t);
    const path = `/api/v1/admin/tenants/${tenant.id}/whatsapp-config`;
    const none = await t.http().get(path).set(bearer(root.token));
    expect(none.status).toBe(404);
    expect(none.body.message).toBe(`Tenant "${tenant.id}" has no WhatsApp configuration yet`);
    await createWhatsAppConfig(t, tenant, {
      access_token: 'EAAGadmin-view-token-QRST',
      fb_app_secret: 'secret-LMNO',
    });
    const res = await t.http().get(path).set(bearer(root.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenant_id: tenant.id,
      access_token: '***QRST',
      fb_app_secret: '***LMNO',
    });
    expect(JSON.stringify(res.body)).not.toContain('EAAGadmin-view-token');
    const missing = await t
      .http()
      .get('/api/v1/admin/tenants/no_such_tenant/whatsapp-config')
      .set(bearer(root.token));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Tenant "no_such_tenant" not found');
    const own = await t
      .http()
      .get('/api/v1/tenant/config')
      .set(bearer((await createTenant(t)).admin.token));
    expect(own.body.message).toBe('This tenant has no WhatsApp configuration yet');
  });

  it("deletes one tenant's config", async () => {
    const tenant = await createTenant(t);
    await createWhatsAppConfig(t, tenant);
    expect(
      (await t.http().delete(`/api/v1/admin/configs/delete-tenant/${tenant.id}`).set(bearer(root.token)))
        .status,
    ).toBe(204);
    expect((await t.http().get('/api/v1/tenant/config').set(bearer(tenant.admin.token))).status).toBe(404);
    expect(
      (await t.http().delete(`/api/v1/admin/configs/delete-tenant/${tenant.id}`).set(bearer(root.token)))
        .status,
    ).toBe(404);
  });
});

/** On a database of its own: delete-all really deletes every config there is. */
describe('delete all configs', () => {
  it('refuses anything but the exact phrase, then deletes everything with it', async () => {
    const t = await startIsolatedTestApp();
    try {
      const root = await platformAdmin(t);
      const tenant = await createTenant(t);
      await createWhatsAppConfig(t, tenant);
      const count = async () =>
        Number((await t.dataSource.query('SELECT count(*) AS n FROM tenant_configs'))[0].n);
      const before = await count();
      for (const confirmation of [
        undefined,
        '',
        'yes',
        'delete_all_configs_permanently',
        'DELETE_ALL_CONFIGS_PERMANENTLY ',
      ]) {
        const res = await t
          .http()
          .delete('/api/v1/admin/configs/delete-all')
          .query(confirmation === undefined ? {} : { confirmation })
          .set(bearer(root.token));
        expect(res.status).toBe(400);
        expect(res.body.message).toContain('DELETE_ALL_CONFIGS_PERMANENTLY');
        expect(await count()).toBe(before);
      }
      expect(
        (
          await t
            .http()
            .delete('/api/v1/admin/configs/delete-all')
            .query({ confirmation: 'DELETE_ALL_CONFIGS_PERMANENTLY' })
            .set(bearer(tenant.admin.token))
        ).status,
      ).toBe(403);
      expect(await count()).toBe(before);

      const second = await createTenant(t);
      await createWhatsAppConfig(t, second);
      const done = await t
        .http()
        .delete('/api/v1/admin/configs/delete-all')
        .query({ confirmation: 'DELETE_ALL_CONFIGS_PERMANENTLY' })
        .set(bearer(root.token));
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ deleted: before + 1 });
      expect(await count()).toBe(0);
      expect(await t.dataSource.query('SELECT 1 FROM phone_numbers')).toHaveLength(0);
      expect((await t.app.get(ConfigLoader).forTenant(tenant.id))?.whatsapp.hasTenantConfig()).toBe(false);
      const audit = await t
        .http()
        .get('/api/v1/admin/audit-events')
        .query({ action: 'config.delete_all' })
        .set(bearer(root.token));
      expect(audit.body.items[0].after).toEqual({
        deleted: 2,
        tenant_ids: expect.arrayContaining([tenant.id, second.id]),
      });
    } finally {
      await t.close();
    }
  });
});
