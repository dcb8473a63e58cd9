import { ConfigLoader } from '../src/modules/tenant-config/config-loader.service';
import { createTenant, createWhatsAppConfig, TestTenant } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

const ENV_FALLBACK = {
  WHATSAPP_PHONE_ID: '5550001',
  WHATSAPP_TOKEN: 'env-token-fallback',
  WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'env-verify-token',
  FB_APP_ID: '999',
  FB_APP_SECRET: 'env-app-secret',
};

describe('ConfigLoader', () => {
  let t: TestApp;
  let loader: ConfigLoader;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(ENV_FALLBACK);
    loader = t.app.get(ConfigLoader);
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  it('falls back to .env when a tenant has no config, uses the database when active, and .env again when inactive', async () => {
    const none = (await loader.forTenant(tenant.id))!.whatsapp;
    expect(none.source).toBe('env');
    expect(none.hasTenantConfig()).toBe(false);
    expect(none.isOnboardingCompleted()).toBe(false);
    expect(none.getPhoneId()).toBe('5550001');
    expect(none.getAccessToken()).toBe('env-token-fallback');
    expect(none.getAppSecret()).toBe('env-app-secret');

    const config = await createWhatsAppConfig(t, tenant, {
      access_token: 'EAAGdatabase-token',
      onboarding_completed: true,
    });
    const active = (await loader.forTenant(tenant.id))!.whatsapp;
    expect(active.source).toBe('database');
    expect(active.hasTenantConfig()).toBe(true);
    expect(active.isOnboardingCompleted()).toBe(true);
    expect(active.getPhoneId()).toBe(config.phone_number_id);
    expect(active.getAccessToken()).toBe('EAAGdatabase-token');
    expect(active.getAppSecret()).toBe('env-app-secret');
    expect((await loader.forPhoneNumberId(String(config.phone_number_id)))?.profile.id).toBe(tenant.id);

    await t.http().post('/api/v1/tenant/config/deactivate').set(bearer(tenant.admin.token));
    const inactive = (await loader.forTenant(tenant.id))!.whatsapp;
    expect(inactive.source).toBe('env');
    expect(inactive.hasTenantConfig()).toBe(false);
    expect(inactive.isDeactivated()).toBe(true);
    expect(inactive.getAccessToken()).toBe('env-token-fallback');
  });

  it('answers none when neither the database nor .env has anything', async () => {
    const bare = await startTestApp();
    try {
      const other = await createTenant(bare);
      const view = (await bare.app.get(ConfigLoader).forTenant(other.id))!.whatsapp;
      expect(view.source).toBe('none');
      expect(view.getPhoneId()).toBeNull();
      expect(view.getAccessToken()).toBeNull();
      expect(await bare.app.get(ConfigLoader).forTenant('no_such_tenant')).toBeNull();
      expect(await bare.app.get(ConfigLoader).forPhoneNumberId('404404')).toBeNull();
    } finally {
      await bare.close();
    }
  });

  it('routes the .env number to WHATSAPP_DEFAULT_TENANT', async () => {
    const legacy = await startTestApp({
      ...ENV_FALLBACK,
      WHATSAPP_PHONE_ID: '5550077',
      WHATSAPP_DEFAULT_TENANT: tenant.id,
    });
    try {
      expect((await legacy.app.get(ConfigLoader).forPhoneNumberId('5550077'))?.profile.id).toBe(tenant.id);
    } finally {
      await legacy.close();
    }
  });
});

describe('ConfigLoader across replicas', () => {
  it('sees a change made through another API process at once', async () => {
    const [a, b] = [await startTestApp(), await startTestApp()];
    try {
      const tenant = await createTenant(a);
      await createWhatsAppConfig(a, tenant, { callback_url: 'https://one.example/hook' });
      const loaderB = b.app.get(ConfigLoader);
      expect((await loaderB.forTenant(tenant.id))!.whatsapp.getCallbackUrl()).toBe(
        'https://one.example/hook',
      );

      // B has it cached now; A changes it.
      await a
        .http()
        .put('/api/v1/tenant/config')
        .set(bearer(tenant.admin.token))
        .send({ callback_url: 'https://two.example/hook' });
      const started = Date.now();
      await waitFor(
        async () =>
          (await loaderB.forTenant(tenant.id))!.whatsapp.getCallbackUrl() === 'https://two.example/hook',
        2000,
      );
      expect(Date.now() - started).toBeLessThan(1000);

      await a.http().post('/api/v1/tenant/config/deactivate').set(bearer(tenant.admin.token));
      await waitFor(async () => !(await loaderB.forTenant(tenant.id))!.whatsapp.hasTenantConfig(), 2000);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
