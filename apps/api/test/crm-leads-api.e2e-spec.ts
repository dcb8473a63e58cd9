import { ZohoFake } from '@parley/fakes';
import { LeadsService } from '../src/modules/crm/leads.service';
import { CRM_PROVIDER_FACTORY, type CrmProviderFactory } from '../src/modules/crm/crm-provider.port';
import { crmEnv, indianWaId, leadRow, waitForLead, zohoTenant } from './support/crm';
import { createTenant, platformAdmin, TestTenant } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('leads API and the built-in lead list', () => {
  let zoho: ZohoFake;
  let t: TestApp;
  let leads: LeadsService;
  let tenant: TestTenant;
  const me = () => bearer(tenant.admin.token);

  beforeAll(async () => {
    zoho = await new ZohoFake().start();
    t = await startTestApp(crmEnv({ zoho }));
    leads = t.app.get(LeadsService);
    tenant = await createTenant(t, { default_country: 'IN' });
  });
  afterAll(async () => {
    await t.close();
    await zoho.stop();
  });

  it('keeps leads of a built-in tenant as their own record, synced at once, one per phone', async () => {
    const waId = indianWaId();
    const first = await leads.captureLead(tenant.id, {
      phone: waId,
      name: 'Meera Nair',
      email: 'meera@example.in',
    });
    expect(first).toMatchObject({
      created: true,
      lead: { crm: 'local', sync_state: 'synced', phone: `+${waId}` },
    });
    expect(first.lead.crm_id).toBe(first.lead.id);
    const again = await leads.captureLead(tenant.id, { phone: `+${waId}`, name: 'Someone Else' });
    expect(again).toMatchObject({ created: false, lead: { id: first.lead.id, first_name: 'Meera' } });
    expect(await leads.findLeadByPhone(tenant.id, waId)).toEqual({
      id: first.lead.id,
      firstName: 'Meera',
      lastName: 'Nair',
      email: 'meera@example.in',
      phone: `+${waId}`,
      origin: 'local',
      syncState: 'synced',
    });
    expect(await leads.findLeadByPhone(tenant.id, indianWaId())).toBeNull();

    // The port itself, for the built-in list.
    const provider = await t.app.get<CrmProviderFactory>(CRM_PROVIDER_FACTORY).forTenant(tenant.id);
    expect(provider.kind).toBe('local');
    expect(
      await provider.createLead({
        firstName: 'X',
        lastName: null,
        email: null,
        phone: `+${waId}`,
        source: null,
      }),
    ).toEqual({
      id: first.lead.id,
    });
    expect(await provider.testConnection()).toMatchObject({ verdict: 'ok' });
  });

  it('refuses unreadable answers with the re-ask text', async () => {
    await expect(leads.captureLead(tenant.id, { phone: indianWaId(), name: 'hello' })).rejects.toThrow(
      /doesn't look like a name/,
    );
    await expect(leads.captureLead(tenant.id, { phone: 'call me', name: 'Ana' })).rejects.toThrow(
      /phone number/,
    );
    await expect(
      leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Ana', email: 'ana@gmial.com' }),
    ).rejects.toThrow(/Did you mean ana@gmail\.com\?/);
    expect(
      (await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Ana', email: 'skip' })).lead.email,
    ).toBeNull();
  });

  it('adds a lead by hand (audited), refuses a second one with the same phone, and names bad fields', async () => {
    const created = await t
      .http()
      .post('/api/v1/tenant/leads')
      .set(me())
      .send({ name: 'ravi KUMAR', phone: '098765 12345', email: 'Ravi@Example.com', source: 'Walk-in' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      first_name: 'Ravi',
      last_name: 'Kumar',
      email: 'ravi@example.com',
      phone: '+919876512345',
      source: 'Walk-in',
      crm: 'local',
      sync_state: 'synced',
      attempts: 0,
      last_error: null,
    });
    const row = await leadRow(t, created.body.id);
    expect(row).toMatchObject({ tenant_id: tenant.id, phone: '+919876512345', sync_state: 'synced' });

    const dup = await t
      .http()
      .post('/api/v1/tenant/leads')
      .set(me())
      .send({ name: 'Other', phone: '+91 98765 12345' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      statusCode: 409,
      message: 'A lead with phone +919876512345 already exists',
    });

    const split = await t
      .http()
      .post('/api/v1/tenant/leads')
      .set(me())
      .send({ first_name: '  Mary Jane ', last_name: 'Watson', phone: '+14155552671' });
    expect(split.body).toMatchObject({ first_name: 'Mary Jane', last_name: 'Watson', phone: '+14155552671' });

    const bad = async (body: Record<string, unknown>, message: RegExp) => {
      const res = await t.http().post('/api/v1/tenant/leads').set(me()).send(body);
      expect({ status: res.status, body: res.body }).toMatchObject({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request' },
      });
      expect(JSON.stringify(res.body)).toMatch(message);
    };
    await bad({ name: 'Ana' }, /phone must be text/);
    await bad({ phone: '+14155552672' }, /name or first_name is required/);
    await bad({ name: 'Ana', phone: '12' }, /phone: That doesn't look like a phone number/);
    await bad(
      { name: 'Ana', phone: '+14155552673', email: 'ana@' },
      /email: \\"ana@\\" doesn't look like an email address/,
    );
    await bad({ name: 'ok', phone: '+14155552674' }, /name: That doesn't look like a name/);
    await bad(
      { name: 'Ana', phone: '+14155552675', tenant_id: 'other' },
      /property tenant_id should not exist/,
    );
    await bad({ name: 'Ana', phone: 14155552676 }, /phone must be text/);

    const audit = await t
      .http()
      .get('/api/v1/tenant/audit-events')
      .query({ action: 'lead.create' })
      .set(me());
    expect(audit.body.total).toBe(2);
    expect(audit.body.items[1]).toMatchObject({
      target_type: 'lead',
      target_id: created.body.id,
      after: { crm: 'local', sync_state: 'synced', source: 'Walk-in' },
    });
    // Audit events outlive the tenant: no personal data in them.
    expect(JSON.stringify(audit.body)).not.toMatch(/ravi@example\.com|9876512345|Kumar/);
  });

  it('lists leads newest first, by page and by state, and shows one', async () => {
    const other = await createTenant(t, { default_country: 'IN' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await leads.captureLead(other.id, { phone: indianWaId(), name: `Lead ${'ABC'[i]}` })).lead.id,
      );
    const list = (query: Record<string, unknown>) =>
      t.http().get('/api/v1/tenant/leads').query(query).set(bearer(other.admin.token));
    const page1 = await list({ page_size: 2 });
    expect(page1.body).toMatchObject({ total: 3, page: 1, page_size: 2 });
    expect(page1.body.items.map((l: { id: string }) => l.id)).toEqual([ids[2], ids[1]]);
    expect((await list({ page: 2, page_size: 2 })).body.items.map((l: { id: string }) => l.id)).toEqual([
      ids[0],
    ]);
    expect((await list({ state: 'synced' })).body.total).toBe(3);
    expect((await list({ state: 'failed' })).body.total).toBe(0);
    const bad = await list({ state: 'lost' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('state must be one of pending, synced, failed');
    expect((await list({ page_size: 1000 })).status).toBe(400);

    const one = await t.http().get(`/api/v1/tenant/leads/${ids[0]}`).set(bearer(other.admin.token));
    expect(one.body).toMatchObject({ id: ids[0], first_name: 'Lead', last_name: 'A' });
    expect(
      (await t.http().get('/api/v1/tenant/leads/not-a-uuid').set(bearer(other.admin.token))).status,
    ).toBe(404);
    expect(
      (await t.http().post(`/api/v1/tenant/leads/${ids[0]}/retry`).set(bearer(other.admin.token))).status,
    ).toBe(409);
  });

  it('shows the CRM status and takes a lead source', async () => {
    const status = await t.http().get('/api/v1/tenant/crm').set(me());
    expect(status.body).toMatchObject({
      crm: 'local',
      configured: true,
      status: 'healthy',
      lead_source: null,
      leads: { pending: 0, failed: 0 },
    });
    const test = await t.http().post('/api/v1/tenant/crm/test').set(me());
    expect(test.body).toMatchObject({ crm: 'local', ok: true, verdict: 'ok' });
    const patched = await t
      .http()
      .patch('/api/v1/tenant/crm')
      .set(me())
      .send({ lead_source: ' Trade Show ' });
    expect(patched.body.lead_source).toBe('Trade Show');
    const { lead } = await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Sourced Lead' });
    expect(lead.source).toBe('Trade Show');
    expect(
      (await t.http().patch('/api/v1/tenant/crm').set(me()).send({ lead_source: null })).body.lead_source,
    ).toBeNull();
    expect((await t.http().patch('/api/v1/tenant/crm').set(me()).send({ lead_source: 42 })).status).toBe(400);
    expect((await t.http().patch('/api/v1/tenant/crm').set(me()).send({ status: 'healthy' })).status).toBe(
      400,
    );
  });

  it('writes pending leads to the CRM the tenant uses when they are synced', async () => {
    const c = zoho.connect();
    const moving = await zohoTenant(t, c);
    zoho.fail({ path: '/us/accounts', response: { status: 503, body: {} } });
    const { lead } = await leads.captureLead(moving.id, { phone: indianWaId(), name: 'Moving Lead' });
    await waitForLead(t, lead.id, (r) => r.attempts >= 1 && r.last_error !== null);
    const switched = await t
      .http()
      .patch('/api/v1/tenant/settings')
      .set(bearer(moving.admin.token))
      .send({ crm: 'local' });
    expect(switched.status).toBe(200);
    const row = await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
    expect(row).toMatchObject({ crm_kind: 'local', crm_id: lead.id });
    zoho.clearFailures();
    expect(zoho.leadsOf(c.org)).toHaveLength(0);
  });

  it('needs a tenant admin token', async () => {
    expect((await t.http().get('/api/v1/tenant/leads')).status).toBe(401);
    const root = await platformAdmin(t);
    expect((await t.http().get('/api/v1/tenant/leads').set(bearer(root.token))).status).toBe(403);
    expect((await t.http().post('/api/v1/tenant/crm/test').set(bearer(root.token))).status).toBe(403);
  });
});
