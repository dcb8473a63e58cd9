import { CredentialHealthService } from '../src/modules/credential-health/credential-health.service';
import { createTenant, createWhatsAppConfig, platformAdmin, TestTenant } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('credential health', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let health: CredentialHealthService;

  beforeAll(async () => {
    t = await startTestApp();
    [a, b] = await Promise.all([createTenant(t), createTenant(t)]);
    health = t.app.get(CredentialHealthService);
  });
  afterAll(() => t.close());

  it('starts unknown for every credential', async () => {
    const res = await t.http().get('/api/v1/tenant/health').set(bearer(a.admin.token)).expect(200);
    expect(res.body.overall).toBe('unknown');
    expect(res.body.credentials.map((c: { credential: string }) => c.credential)).toEqual([
      'whatsapp',
      'waba_subscription',
      'zoho',
      'hubspot',
    ]);
  });

  it('records a change of status once in the audit log and shows the worst status overall', async () => {
    await health.record(a.id, 'whatsapp', { status: 'ok' });
    await health.record(a.id, 'whatsapp', { status: 'invalid', error: 'The access token was revoked' });
    await health.record(a.id, 'whatsapp', { status: 'invalid', error: 'The access token was revoked' });
    await health.record(a.id, 'hubspot', { status: 'ok' });

    const res = await t.http().get('/api/v1/tenant/health').set(bearer(a.admin.token)).expect(200);
    expect(res.body.overall).toBe('invalid');
    const whatsapp = res.body.credentials.find((c: { credential: string }) => c.credential === 'whatsapp');
    expect(whatsapp).toMatchObject({ status: 'invalid', last_error: 'The access token was revoked' });
    expect(await health.isInvalid(a.id, 'whatsapp')).toBe(true);

    const audit = await t.http().get('/api/v1/tenant/audit-events').set(bearer(a.admin.token)).expect(200);
    const changes = audit.body.items.filter(
      (e: { action: string; target_id: string }) =>
        e.action === 'credential.status_changed' && e.target_id === 'whatsapp',
    );
    expect(changes).toHaveLength(2);
  });

  it("keeps each tenant's health to itself", async () => {
    const res = await t.http().get('/api/v1/tenant/health').set(bearer(b.admin.token)).expect(200);
    expect(res.body.overall).toBe('unknown');
    expect(await health.isInvalid(b.id, 'whatsapp')).toBe(false);
    await t.http().get(`/api/v1/admin/tenants/${a.id}/health`).set(bearer(b.admin.token)).expect(403);
  });

  it('lets platform admins read any tenant and answers 404 for an unknown one', async () => {
    const root = await platformAdmin(t);
    const res = await t
      .http()
      .get(`/api/v1/admin/tenants/${a.id}/health`)
      .set(bearer(root.token))
      .expect(200);
    expect(res.body.overall).toBe('invalid');
    await t.http().get('/api/v1/admin/tenants/no_such_tenant/health').set(bearer(root.token)).expect(404);
    const overall = await health.overallFor([a.id, b.id]);
    expect(Object.fromEntries(overall)).toEqual({ [a.id]: 'invalid', [b.id]: 'unknown' });
  });

  it('ignores observations for a tenant that no longer exists', async () => {
    await expect(health.record('gone_tenant', 'zoho', { status: 'ok' })).resolves.toBeUndefined();
  });

  it('clears an invalid WhatsApp credential once the tenant saves a new token', async () => {
    const c = await createTenant(t);
    await createWhatsAppConfig(t, c);
    await health.record(c.id, 'whatsapp', { status: 'invalid', error: 'Error validating access token' });
    await t
      .http()
      .put('/api/v1/tenant/config')
      .set(bearer(c.admin.token))
      .send({ callback_url: 'https://example.com/hook' })
      .expect(200);
    expect(await health.isInvalid(c.id, 'whatsapp')).toBe(true);

    await t
      .http()
      .put('/api/v1/tenant/config')
      .set(bearer(c.admin.token))
      .send({ access_token: 'EAAG-new-token-123456' })
      .expect(200);
    expect(await health.isInvalid(c.id, 'whatsapp')).toBe(false);
    const res = await t.http().get('/api/v1/tenant/health').set(bearer(c.admin.token)).expect(200);
    expect(res.body.credentials[0]).toMatchObject({ credential: 'whatsapp', status: 'unknown' });
  });
});
