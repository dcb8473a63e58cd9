import { HubSpotFake } from '@parley/fakes';
import { LeadsService } from '../src/modules/crm/leads.service';
import { connectionRow, crmEnv, hubspotTenant, indianWaId, waitForLead } from './support/crm';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('HubSpot', () => {
  let hubspot: HubSpotFake;
  let t: TestApp;
  let leads: LeadsService;

  beforeAll(async () => {
    hubspot = await new HubSpotFake().start();
    t = await startTestApp(crmEnv({ hubspot }));
    leads = t.app.get(LeadsService);
  });
  afterAll(async () => {
    await t.close();
    await hubspot.stop();
  });
  afterEach(() => hubspot.clearFailures());

  const requestsWith = (token: string, path: string) =>
    hubspot.requests({ path }).filter((r) => r.headers.authorization === `Bearer ${token}`);

  it('searches phone and mobilephone in E.164 and national format, then creates the contact once', async () => {
    const { token } = hubspot.createPortal();
    const tenant = await hubspotTenant(t, token);
    const waId = indianWaId();
    const e164 = `+${waId}`;
    const national = `0${waId.slice(2, 7)} ${waId.slice(7)}`;
    const { lead } = await leads.captureLead(tenant.id, {
      phone: waId,
      name: 'john SMITH',
      email: 'John@Smith.io',
    });
    const row = await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');

    const [search] = requestsWith(token, '/crm/v3/objects/contacts/search');
    expect(search.body).toEqual({
      filterGroups: [
        { filters: [{ propertyName: 'phone', operator: 'EQ', value: e164 }] },
        { filters: [{ propertyName: 'phone', operator: 'EQ', value: national }] },
        { filters: [{ propertyName: 'mobilephone', operator: 'EQ', value: e164 }] },
        { filters: [{ propertyName: 'mobilephone', operator: 'EQ', value: national }] },
      ],
      properties: ['firstname', 'lastname', 'email', 'phone', 'mobilephone'],
      sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
      limit: 10,
    });
    const creates = requestsWith(token, '/crm/v3/objects/contacts').filter(
      (r) => r.path === '/crm/v3/objects/contacts',
    );
    expect(creates).toHaveLength(1);
    expect(creates[0].body).toEqual({
      properties: { firstname: 'John', lastname: 'Smith', email: 'john@smith.io', phone: e164 },
    });
    const [contact] = hubspot.contactsOf(token);
    expect(row).toMatchObject({ crm_kind: 'hubspot', crm_id: contact.id, attempts: 1 });
    expect(await connectionRow(t, tenant.id)).toMatchObject({ status: 'healthy' });
  });

  it('finds a contact whose mobile number is stored in national format', async () => {
    const { token } = hubspot.createPortal();
    const tenant = await hubspotTenant(t, token);
    const waId = indianWaId();
    const contact = hubspot.addContact(token, {
      firstname: 'Asha',
      lastname: 'Rao',
      mobilephone: `0${waId.slice(2, 7)} ${waId.slice(7)}`,
    });
    expect(await leads.findLeadByPhone(tenant.id, waId)).toMatchObject({
      id: contact.id,
      firstName: 'Asha',
      lastName: 'Rao',
      origin: 'crm',
    });
  });

  it('uses the existing contact when HubSpot answers 409', async () => {
    const { token } = hubspot.createPortal();
    const tenant = await hubspotTenant(t, token);
    const existing = hubspot.addContact(token, { firstname: 'Old', email: 'taken@example.com' });
    const { lead } = await leads.captureLead(tenant.id, {
      phone: indianWaId(),
      name: 'New',
      email: 'taken@example.com',
    });
    const row = await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
    expect(row.crm_id).toBe(existing.id);
    expect(hubspot.contactsOf(token)).toHaveLength(1);
  });

  it("waits out search's per-second limit within the call", async () => {
    const { token } = hubspot.createPortal();
    const tenant = await hubspotTenant(t, token);
    hubspot.rateLimit('SECONDLY', 1, '/search');
    const started = Date.now();
    expect(await leads.findLeadByPhone(tenant.id, indianWaId())).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(requestsWith(token, '/search')).toHaveLength(2);
  });

  it('hands a ten-second or daily limit back to the outbox, which retries later', async () => {
    const { token } = hubspot.createPortal();
    const tenant = await hubspotTenant(t, token);
    const me = bearer(tenant.admin.token);
    hubspot.rateLimit('TEN_SECONDLY_ROLLING', 1, '/crm/v3/objects/contacts/search');
    const { lead } = await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Rate Limited' });
    const waiting = await waitForLead(t, lead.id, (r) => r.attempts === 1 && r.last_error !== null);
    expect(waiting.sync_state).toBe('pending');
    expect(waiting.last_error).toContain('limit per ten seconds');
    // HubSpot's window is ten seconds: the next attempt is due about then, not at the usual backoff.
    const dueIn = waiting.next_attempt_at!.getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(7_000);
    expect(dueIn).toBeLessThan(11_000);

    const retried = await t.http().post(`/api/v1/tenant/leads/${lead.id}/retry`).set(me);
    expect(retried.status).toBe(200);
    await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
    expect(hubspot.contactsOf(token)).toHaveLength(1);

    hubspot.rateLimit('DAILY', 1, '/crm/v3/objects/contacts/search');
    const daily = await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Daily Limit' });
    const later = await waitForLead(t, daily.lead.id, (r) => r.attempts === 1 && r.last_error !== null);
    expect(later.last_error).toContain('daily API limit');
    expect(later.next_attempt_at!.getTime() - Date.now()).toBeGreaterThan(50 * 60_000);
  });

  it('names a bad token and a missing scope in the connection test', async () => {
    const test = (token: string) => t.http().post('/api/v1/tenant/crm/test').set(bearer(token));
    const good = await hubspotTenant(t, hubspot.createPortal().token);
    expect((await test(good.admin.token)).body).toMatchObject({ crm: 'hubspot', ok: true, verdict: 'ok' });

    const bad = await hubspotTenant(t, 'pat-na1-revoked-token');
    const res = await test(bad.admin.token);
    expect(res.body).toMatchObject({ ok: false, verdict: 'bad_token' });
    expect(res.body.message).toContain('did not accept the private app token');
    expect(await connectionRow(t, bad.id)).toMatchObject({ status: 'unhealthy' });

    const writeOnly = await hubspotTenant(t, hubspot.createPortal(['crm.objects.contacts.write']).token);
    const scope = await test(writeOnly.admin.token);
    expect(scope.body).toMatchObject({ ok: false, verdict: 'missing_scope' });
    expect(scope.body.message).toContain('crm.objects.contacts.read');
  });

  it('keeps a lead pending while HubSpot refuses the token', async () => {
    const tenant = await hubspotTenant(t, 'pat-na1-not-a-token');
    const { lead } = await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Waiting Lead' });
    const row = await waitForLead(t, lead.id, (r) => r.attempts >= 1 && r.last_error !== null);
    expect(row).toMatchObject({ sync_state: 'pending' });
    expect(row.last_error).toContain('private app token');
  });
});
