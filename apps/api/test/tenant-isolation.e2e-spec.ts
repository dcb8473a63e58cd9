import { ZohoFake } from '@parley/fakes';
import { LeadsService } from '../src/modules/crm/leads.service';
import { crmEnv, indianWaId, waitForLead, zohoTenant } from './support/crm';
import { createTenant, createWhatsAppConfig, platformAdmin, TestTenant } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: string;
  body?: Record<string, unknown>;
  /** What tenant B gets for its own (empty) data: 404 where B has nothing, 200 for a read of its own. */
  status?: number;
}

/**
 * Every tenant-scoped route. Called with tenant B's token, each must act on B only (here B has no
 * WhatsApp config, so config routes answer 404) and leave tenant A exactly as it was.
 */
const TENANT_ROUTES: Route[] = [
  { method: 'get', path: '/api/v1/tenant/config' },
  { method: 'get', path: '/api/v1/tenant/config/full' },
  { method: 'put', path: '/api/v1/tenant/config', body: { callback_url: 'https://evil.example/hook' } },
  { method: 'post', path: '/api/v1/tenant/config/activate' },
  { method: 'post', path: '/api/v1/tenant/config/deactivate' },
  { method: 'delete', path: '/api/v1/tenant/config' },
  { method: 'get', path: '/api/v1/tenant/health', status: 200 },
];

const SOME_UUID = '00000000-0000-4000-8000-000000000000';

/** Every platform-admin route: 403 for any tenant admin, whichever tenant the path names. */
const adminRoutes = (a: string, aUser: string, operation: string): Route[] => [
  { method: 'get', path: '/api/v1/admin/system' },
  { method: 'get', path: '/api/v1/admin/tenants' },
  { method: 'post', path: '/api/v1/admin/tenants', body: { id: 'evil_tenant', name: 'Evil' } },
  { method: 'get', path: `/api/v1/admin/tenants/${a}` },
  { method: 'patch', path: `/api/v1/admin/tenants/${a}`, body: { name: 'Hijacked' } },
  { method: 'delete', path: `/api/v1/admin/tenants/${a}` },
  { method: 'get', path: `/api/v1/admin/tenants/${a}/users` },
  {
    method: 'post',
    path: `/api/v1/admin/tenants/${a}/users`,
    body: { email: 'evil@example.com', password: 'evil-password' },
  },
  { method: 'get', path: `/api/v1/admin/tenants/${a}/users/${aUser}` },
  { method: 'patch', path: `/api/v1/admin/tenants/${a}/users/${aUser}`, body: { disabled: true } },
  { method: 'delete', path: `/api/v1/admin/tenants/${a}/users/${aUser}` },
  { method: 'get', path: '/api/v1/admin/configs/all' },
  { method: 'get', path: '/api/v1/admin/configs/stats' },
  { method: 'delete', path: '/api/v1/admin/configs/delete-all?confirmation=DELETE_ALL_CONFIGS_PERMANENTLY' },
  { method: 'delete', path: `/api/v1/admin/configs/delete-tenant/${a}` },
  { method: 'get', path: '/api/v1/admin/audit-events' },
  { method: 'get', path: `/api/v1/admin/tenants/${a}/whatsapp-config` },
  {
    method: 'post',
    path: '/api/v1/admin/tenants/bulk',
    body: { action: 'delete', tenant_ids: [a], confirmation: 'DELETE 1 TENANT' },
  },
  { method: 'post', path: '/api/v1/admin/tenants/bulk', body: { action: 'deactivate', filter: {} } },
  { method: 'get', path: '/api/v1/admin/bulk-operations' },
  { method: 'get', path: `/api/v1/admin/bulk-operations/${operation}` },
  { method: 'get', path: `/api/v1/admin/bulk-operations/${operation}/items` },
  { method: 'post', path: `/api/v1/admin/bulk-operations/${operation}/cancel` },
  { method: 'get', path: '/api/v1/admin/stats/timeseries' },
  { method: 'get', path: '/api/v1/admin/webhooks/unrouted' },
  { method: 'get', path: `/api/v1/admin/webhooks/unrouted/${SOME_UUID}` },
  { method: 'post', path: `/api/v1/admin/webhooks/unrouted/${SOME_UUID}/replay` },
  { method: 'delete', path: `/api/v1/admin/webhooks/unrouted/${SOME_UUID}` },
  { method: 'get', path: '/api/v1/admin/dead-letters' },
  { method: 'get', path: `/api/v1/admin/dead-letters/${SOME_UUID}` },
  { method: 'post', path: `/api/v1/admin/dead-letters/${SOME_UUID}/replay` },
  { method: 'delete', path: `/api/v1/admin/dead-letters/${SOME_UUID}` },
  { method: 'get', path: `/api/v1/admin/tenants/${a}/health` },
  { method: 'get', path: `/api/v1/admin/tenants/${a}/conversations` },
];

describe('tenant isolation', () => {
  let t: TestApp;
  let zoho: ZohoFake;
  let a: TestTenant;
  let b: TestTenant;
  let aLead: string;
  let snapshotOfA: () => Promise<unknown>;

  beforeAll(async () => {
    zoho = await new ZohoFake().start();
    t = await startTestApp(crmEnv({ zoho }));
    a = await zohoTenant(t, zoho.connect());
    await t
      .http()
      .patch('/api/v1/tenant/settings')
      .set(bearer(a.admin.token))
      .send({ branding: { welcome_message: 'A only' } });
    await t.http().patch('/api/v1/tenant/crm').set(bearer(a.admin.token)).send({ lead_source: 'A source' });
    b = await createTenant(t);
    aLead = (await t.app.get(LeadsService).captureLead(a.id, { phone: indianWaId(), name: 'Alice Only' }))
      .lead.id;
    await waitForLead(t, aLead, (r) => r.sync_state === 'synced');
    await createWhatsAppConfig(t, a, { callback_url: 'https://a.example/hook' });
    const root = await platformAdmin(t);
    snapshotOfA = async () => ({
      tenant: (await t.http().get(`/api/v1/admin/tenants/${a.id}`).set(bearer(root.token))).body,
      config: (await t.http().get('/api/v1/tenant/config').set(bearer(a.admin.token))).body,
      users: (await t.http().get(`/api/v1/admin/tenants/${a.id}/users`).set(bearer(root.token))).body,
      leads: (await t.http().get('/api/v1/tenant/leads').set(bearer(a.admin.token))).body,
      crm: (await t.http().get('/api/v1/tenant/crm').set(bearer(a.admin.token))).body,
    });
  });
  afterAll(async () => {
    await t.close();
    await zoho.stop();
  });

  it.each(TENANT_ROUTES)("tenant B's token on $method $path never touches tenant A", async (route) => {
    const before = await snapshotOfA();
    const res = await t.http()[route.method](route.path).set(bearer(b.admin.token)).send(route.body);
    expect(res.status).toBe(route.status ?? 404);
    expect(JSON.stringify(res.body)).not.toContain(a.id);
    expect(await snapshotOfA()).toEqual(before);
  });

  it("tenant B's token never reaches tenant A's leads or CRM connection", async () => {
    const before = await snapshotOfA();
    const asB = bearer(b.admin.token);
    for (const route of [
      { method: 'get', path: `/api/v1/tenant/leads/${aLead}` },
      { method: 'post', path: `/api/v1/tenant/leads/${aLead}/retry` },
    ] as Route[]) {
      const res = await t.http()[route.method](route.path).set(asB);
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 404 });
      expect(JSON.stringify(res.body)).not.toContain(a.id);
    }
    const list = await t.http().get('/api/v1/tenant/leads').set(asB);
    expect(list.body.items.map((l: { id: string }) => l.id)).not.toContain(aLead);
    const state = await t.http().get('/api/v1/tenant/leads').query({ state: 'synced' }).set(asB);
    expect(state.body.total).toBe(0);

    // The same phone is another tenant's lead, not a conflict with A's.
    const aPhone = (await t.http().get(`/api/v1/tenant/leads/${aLead}`).set(bearer(a.admin.token))).body
      .phone;
    const own = await t.http().post('/api/v1/tenant/leads').set(asB).send({ name: 'Bob', phone: aPhone });
    expect(own.status).toBe(201);
    expect(own.body.id).not.toBe(aLead);

    const crm = await t.http().get('/api/v1/tenant/crm').set(asB);
    expect(crm.body).toMatchObject({ crm: 'local', lead_source: null, leads: { synced: 1 } });
    expect(
      (await t.http().patch('/api/v1/tenant/crm').set(asB).send({ lead_source: 'B source' })).status,
    ).toBe(200);
    const calls = zoho.requests().length;
    const tested = await t.http().post('/api/v1/tenant/crm/test').set(asB);
    expect(tested.body).toMatchObject({ crm: 'local', ok: true });
    expect(zoho.requests()).toHaveLength(calls);
    expect(await snapshotOfA()).toEqual(before);
  });

  it("tenant A's Zoho tokens are never used for another Zoho tenant", async () => {
    const leads = t.app.get(LeadsService);
    await leads.findLeadByPhone(a.id, indianWaId());
    const aHeaders = new Set(zoho.requests({ path: '/api/' }).map((r) => r.headers.authorization));
    const other = zoho.connect();
    const c = await zohoTenant(t, other);
    const since = Date.now();
    const { lead } = await leads.captureLead(c.id, { phone: indianWaId(), name: 'Carol Only' });
    await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
    const cRequests = zoho.requests().filter((r) => r.at >= since);
    const tokenCalls = cRequests.filter((r) => r.path.endsWith('/oauth/v2/token'));
    expect(tokenCalls.map((r) => r.body)).toEqual([
      expect.objectContaining({ client_id: other.clientId, refresh_token: other.refreshToken }),
    ]);
    for (const r of cRequests.filter((r) => r.path.includes('/api/')))
      expect(aHeaders.has(r.headers.authorization)).toBe(false);
    expect(zoho.leadsOf(other.org).map((r) => r.First_Name)).toEqual(['Carol']);
    expect(zoho.leadsOf(other.org).some((r) => r.First_Name === 'Alice')).toBe(false);
  });

  it("tenant settings and audit events are always the caller's own", async () => {
    const settings = await t.http().get('/api/v1/tenant/settings').set(bearer(b.admin.token));
    expect(settings.body.id).toBe(b.id);
    const patched = await t
      .http()
      .patch('/api/v1/tenant/settings')
      .set(bearer(b.admin.token))
      .send({ name: 'B renamed' });
    expect(patched.body.id).toBe(b.id);
    const audit = await t
      .http()
      .get('/api/v1/tenant/audit-events')
      .query({ tenant_id: a.id })
      .set(bearer(b.admin.token));
    expect(audit.status).toBe(400);
    const own = await t.http().get('/api/v1/tenant/audit-events').set(bearer(b.admin.token));
    expect(own.body.items.every((e: { tenant_id: string }) => e.tenant_id === b.id)).toBe(true);
    expect(((await snapshotOfA()) as { tenant: { name: string } }).tenant.name).not.toBe('B renamed');
  });

  it('a tenant id in a body is refused, never used', async () => {
    const res = await t
      .http()
      .put('/api/v1/tenant/config')
      .set(bearer(b.admin.token))
      .send({ tenant_id: a.id, callback_url: 'https://x.example' });
    expect(res.status).toBe(400);
  });

  it('every platform-admin route answers 403 to tenant admins', async () => {
    const root = await platformAdmin(t);
    // A real operation, held unfinished (no worker runs it on this id), to aim the routes at.
    const [operation] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO bulk_operations (action, status, selection, total) VALUES ('activate', 'queued', '{"tenant_ids": []}', 0) RETURNING id`,
    );
    const before = await snapshotOfA();
    for (const route of adminRoutes(a.id, a.admin.id, operation.id)) {
      for (const caller of [a, b]) {
        const res = await t.http()[route.method](route.path).set(bearer(caller.admin.token)).send(route.body);
        expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
          route: `${route.method} ${route.path}`,
          status: 403,
        });
      }
    }
    expect(await snapshotOfA()).toEqual(before);
    const started = await t.dataSource.query('SELECT 1 FROM bulk_operations WHERE actor_email = ANY($1)', [
      [a.admin.email, b.admin.email],
    ]);
    expect(started).toHaveLength(0);
    const held = await t.http().get(`/api/v1/admin/bulk-operations/${operation.id}`).set(bearer(root.token));
    expect(held.body.status).toBe('queued');
  });
});
