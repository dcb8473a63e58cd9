import { envelope, inbound, messagesChange, metaJson, signWebhook } from '@parley/fakes';
import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { createTenant, platformAdmin } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/**
 * Stores one of every kind of secret, calls every route, and checks that no response (except the
 * one reveal route), no log line and no database column carries any of them in clear.
 */
describe('secrets never leave masked', () => {
  const logs: string[] = [];
  const responses: { route: string; text: string }[] = [];
  const secrets = {
    zohoClientSecret: secret('zoho-cs'),
    zohoRefreshToken: secret('zoho-rt'),
    hubspotToken: secret('pat-na1'),
    geminiKey: secret('AIza'),
    accessToken: `EAAG${secret('tok')}`,
    appSecret: secret('appsecret'),
    verifyToken: secret('verify'),
    password: secret('password'),
  };
  let t: TestApp;

  const call = async (route: string, request: Promise<Response>, { allowSecrets = false } = {}) => {
    const res = await request;
    if (!allowSecrets)
      responses.push({
        route,
        text: JSON.stringify({ headers: res.headers, body: res.body, text: res.text }),
      });
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp(
      { LOG_LEVEL: 'trace' },
      { logDestination: { write: (line: string) => void logs.push(line) } },
    );
  });
  afterAll(() => t.close());

  it('keeps every stored secret out of responses, logs and plaintext columns', async () => {
    const root = await platformAdmin(t);
    const admin = bearer(root.token);
    const tenant = await createTenant(t, {
      crm: 'zoho',
      zoho: {
        client_id: 'cid',
        client_secret: secrets.zohoClientSecret,
        refresh_token: secrets.zohoRefreshToken,
        accounts_url: 'https://accounts.zoho.eu',
      },
      hubspot: { api_key: secrets.hubspotToken },
      llm: { gemini_api_key: secrets.geminiKey },
    });
    const me = bearer(tenant.admin.token);
    const id = tenant.id;
    const http = () => t.http();

    await call(
      'POST config',
      http()
        .post('/api/v1/tenant/config')
        .set(me)
        .send({
          phone_number_id: `7${Date.now()}`,
          access_token: secrets.accessToken,
          fb_app_secret: secrets.appSecret,
          webhook_verify_token: secrets.verifyToken,
        }),
    );
    const user = await call(
      'POST user',
      http()
        .post(`/api/v1/admin/tenants/${id}/users`)
        .set(admin)
        .send({ email: `sec-${id}@example.com`, password: secrets.password }),
    );
    await call(
      'login',
      http()
        .post('/api/v1/auth/login')
        .send({ email: `sec-${id}@example.com`, password: secrets.password }),
    );
    await call(
      'login wrong',
      http()
        .post('/api/v1/auth/login')
        .send({ email: `sec-${id}@example.com`, password: `${secrets.password}x` }),
    );

    await call('GET tenant', http().get(`/api/v1/admin/tenants/${id}`).set(admin));
    await call('LIST tenants', http().get('/api/v1/admin/tenants').query({ search: id }).set(admin));
    await call(
      'PATCH tenant',
      http().patch(`/api/v1/admin/tenants/${id}`).set(admin).send({ name: 'Renamed' }),
    );
    await call(
      'PATCH tenant masked',
      http()
        .patch(`/api/v1/admin/tenants/${id}`)
        .set(admin)
        .send({ zoho: { client_secret: '***abcd' } }),
    );
    await call(
      'PATCH tenant bad',
      http()
        .patch(`/api/v1/admin/tenants/${id}`)
        .set(admin)
        .send({ hubspot: { api_key: 42 } }),
    );
    await call('GET users', http().get(`/api/v1/admin/tenants/${id}/users`).set(admin));
    await call('GET user', http().get(`/api/v1/admin/tenants/${id}/users/${user.body.id}`).set(admin));
    await call(
      'PATCH user',
      http()
        .patch(`/api/v1/admin/tenants/${id}/users/${user.body.id}`)
        .set(admin)
        .send({ password: secrets.password }),
    );
    await call('GET settings', http().get('/api/v1/tenant/settings').set(me));
    await call(
      'PATCH settings',
      http()
        .patch('/api/v1/tenant/settings')
        .set(me)
        .send({ branding: { welcome_message: 'hi' } }),
    );
    await call('GET config', http().get('/api/v1/tenant/config').set(me));
    await call(
      'PUT config',
      http().put('/api/v1/tenant/config').set(me).send({ display_phone_number: '+1 555' }),
    );
    await call(
      'PUT config masked',
      http().put('/api/v1/tenant/config').set(me).send({ access_token: '***abcd' }),
    );
    await call('deactivate', http().post('/api/v1/tenant/config/deactivate').set(me));
    await call('activate', http().post('/api/v1/tenant/config/activate').set(me));
    await call('configs all', http().get('/api/v1/admin/configs/all').query({ search: id }).set(admin));
    await call('stats', http().get('/api/v1/admin/configs/stats').set(admin));
    await call(
      'admin audit',
      http().get('/api/v1/admin/audit-events').query({ tenant_id: id, page_size: 100 }).set(admin),
    );
    await call('tenant audit', http().get('/api/v1/tenant/audit-events').query({ page_size: 100 }).set(me));
    await call('system', http().get('/api/v1/admin/system').set(admin));
    await call('GET crm', http().get('/api/v1/tenant/crm').set(me));
    await call('PATCH crm', http().patch('/api/v1/tenant/crm').set(me).send({ lead_source: 'Chat' }));
    await call('GET leads', http().get('/api/v1/tenant/leads').set(me));

    // The webhook (tenant's own app: its verify token and app secret) and the messaging routes.
    const verify = await call(
      'webhook verify',
      http()
        .get(`/webhooks/whatsapp/${id}`)
        .query({ 'hub.mode': 'subscribe', 'hub.challenge': '8080', 'hub.verify_token': secrets.verifyToken }),
    );
    expect(verify.text).toBe('8080');
    const delivery = metaJson(
      envelope({
        changes: [
          messagesChange({
            phoneNumberId: `unrouted-${id}`,
            contacts: [{ waId: '919800000009' }],
            messages: [inbound.text({ waId: '919800000009' }, 'hello')],
          }),
        ],
      }),
    );
    const posted = await call(
      'webhook post',
      http()
        .post(`/webhooks/whatsapp/${id}`)
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', signWebhook(delivery, secrets.appSecret))
        .send(delivery),
    );
    expect(posted.status).toBe(200);
    const played = await call(
      'playground',
      http().post('/api/v1/tenant/playground/messages').set(me).send({ from: '919800000009', text: 'hi' }),
    );
    expect(played.status).toBe(200);
    const conversations = await call('conversations', http().get('/api/v1/tenant/conversations').set(me));
    await call(
      'conversation messages',
      http().get(`/api/v1/tenant/conversations/${conversations.body.items[0].id}/messages`).set(me),
    );
    await call('admin conversations', http().get(`/api/v1/admin/tenants/${id}/conversations`).set(admin));
    const unrouted = await call('unrouted', http().get('/api/v1/admin/webhooks/unrouted').set(admin));
    for (const row of unrouted.body.items as { id: string }[])
      await call('unrouted detail', http().get(`/api/v1/admin/webhooks/unrouted/${row.id}`).set(admin));
    await call('dead letters', http().get('/api/v1/admin/dead-letters').set(admin));

    const full = await call('GET config full', http().get('/api/v1/tenant/config/full').set(me), {
      allowSecrets: true,
    });
    expect(full.body).toMatchObject({
      access_token: secrets.accessToken,
      fb_app_secret: secrets.appSecret,
      webhook_verify_token: secrets.verifyToken,
    });

    const leaks: string[] = [];
    for (const [name, value] of Object.entries(secrets)) {
      for (const r of responses) if (r.text.includes(value)) leaks.push(`${name} in response to ${r.route}`);
      if (logs.some((line) => line.includes(value))) leaks.push(`${name} in the log`);
    }
    expect(leaks).toEqual([]);
    expect(logs.length).toBeGreaterThan(20);

    const stored = JSON.stringify(
      await t.dataSource.query(
        `SELECT t.*, c.*, cc.*, (SELECT json_agg(a) FROM audit_events a WHERE a.tenant_id = t.id) AS audit
         FROM tenants t JOIN tenant_configs c ON c.tenant_id = t.id JOIN crm_connections cc ON cc.tenant_id = t.id
         WHERE t.id = $1`,
        [id],
      ),
    );
    for (const [name, value] of Object.entries(secrets))
      expect({ name, inDatabase: stored.includes(value) }).toEqual({ name, inDatabase: false });
    expect(stored).toContain('"access_token_enc":"v1:');
  });
});
