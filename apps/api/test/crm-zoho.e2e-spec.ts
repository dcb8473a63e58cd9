import { ZohoFake } from '@parley/fakes';
import { LeadsService } from '../src/modules/crm/leads.service';
import { Metrics } from '../src/modules/metrics/metrics.service';
import { connectionRow, crmEnv, indianWaId, leadRow, waitForLead, zohoTenant } from './support/crm';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

describe('Zoho CRM', () => {
  let zoho: ZohoFake;
  let t: TestApp;
  let leads: LeadsService;

  beforeAll(async () => {
    zoho = await new ZohoFake().start();
    t = await startTestApp(crmEnv({ zoho }));
    leads = t.app.get(LeadsService);
  });
  afterAll(async () => {
    await t.close();
    await zoho.stop();
  });

  const tokenRequests = (clientId: string) =>
    zoho
      .requests({ path: '/oauth/v2/token' })
      .filter((r) => (r.body as Record<string, string>).client_id === clientId);

  it('captures a lead through the outbox: searched in every format, created once, with Zoho-oauthtoken', async () => {
    const c = zoho.connect({ dc: 'in' });
    const tenant = await zohoTenant(t, c);
    const waId = indianWaId();
    const e164 = `+${waId}`;
    const captured = await leads.captureLead(tenant.id, {
      phone: waId,
      name: 'DR. ana maría DE LA CRUZ',
      email: 'Ana.Cruz@Example.com',
    });
    expect(captured).toMatchObject({
      created: true,
      lead: { sync_state: 'pending', phone: e164, crm: 'zoho' },
    });
    const row = await waitForLead(t, captured.lead.id, (r) => r.sync_state === 'synced');

    const [record] = zoho.leadsOf(c.org);
    expect(zoho.leadsOf(c.org)).toHaveLength(1);
    expect(record).toMatchObject({
      First_Name: 'Ana María',
      Last_Name: 'de la Cruz',
      Email: 'ana.cruz@example.com',
      Phone: e164,
      Lead_Source: 'Chat',
    });
    expect(row).toMatchObject({ crm_id: record.id, attempts: 1, last_error: null });

    const token = tokenRequests(c.clientId);
    expect(token).toHaveLength(1);
    expect(token[0].path).toBe('/in/accounts/oauth/v2/token');
    expect(token[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token[0].body).toEqual({
      grant_type: 'refresh_token',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      refresh_token: c.refreshToken,
    });
    const api = zoho.requests({ path: '/in/api/crm/v8/Leads' });
    expect(api.map((r) => `${r.method} ${r.query.phone ?? ''}`)).toEqual([
      `GET ${e164}`,
      `GET ${waId}`,
      `GET ${waId.slice(2)}`,
      'POST ',
    ]);
    for (const r of api) expect(r.headers.authorization).toMatch(/^Zoho-oauthtoken 1000\./);
    expect(api[3].body).toEqual({
      data: [
        {
          First_Name: 'Ana María',
          Last_Name: 'de la Cruz',
          Email: 'ana.cruz@example.com',
          Phone: e164,
          Lead_Source: 'Chat',
        },
      ],
    });

    const list = await t.http().get('/api/v1/tenant/leads').set(bearer(tenant.admin.token));
    expect(list.body).toMatchObject({
      total: 1,
      items: [{ id: captured.lead.id, sync_state: 'synced', crm_id: record.id }],
    });
    expect(await connectionRow(t, tenant.id)).toMatchObject({ status: 'healthy', last_error: null });

    const metrics = await t.app.get(Metrics).registry.getSingleMetricAsString('parley_crm_calls_total');
    expect(metrics).toContain('provider="zoho",operation="token",result="ok"');
    expect(metrics).toContain('provider="zoho",operation="search",result="empty"');
    expect(metrics).toContain('provider="zoho",operation="create",result="ok"');
  });

  it('finds a lead stored in another format, and maps a one-word name back from Last_Name', async () => {
    const c = zoho.connect({ dc: 'eu' });
    const tenant = await zohoTenant(t, c);
    const waId = indianWaId();
    const national = `${waId.slice(2, 7)} ${waId.slice(7)}`;
    const stored = zoho.addLead(c.org, {
      First_Name: 'Priya',
      Last_Name: 'Sharma',
      Phone: national,
      Email: 'p@x.in',
    });
    expect(await leads.findLeadByPhone(tenant.id, `+${waId}`)).toEqual({
      id: stored.id,
      firstName: 'Priya',
      lastName: 'Sharma',
      email: 'p@x.in',
      phone: national,
      origin: 'crm',
      syncState: null,
    });

    const solo = indianWaId();
    const { lead } = await leads.captureLead(tenant.id, { phone: solo, name: 'madonna 🎤' });
    await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
    const record = zoho.leadsOf(c.org).find((r) => r.Phone === `+${solo}`);
    expect(record).toMatchObject({ Last_Name: 'Madonna', First_Name: null });
    expect(await leads.findLeadByPhone(tenant.id, solo)).toMatchObject({
      firstName: 'Madonna',
      lastName: null,
      origin: 'crm',
      syncState: 'synced',
    });
  });

  it('uses the existing record when Zoho answers DUPLICATE_DATA', async () => {
    const c = zoho.connect();
    const tenant = await zohoTenant(t, c);
    const existing = zoho.addLead(c.org, {
      Last_Name: 'Old',
      Email: 'dup@example.com',
      Phone: '+14155552671',
    });
    const { lead } = await leads.captureLead(tenant.id, {
      phone: indianWaId(),
      name: 'New Person',
      email: 'DUP@example.com',
    });
    const row = await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
    expect(row.crm_id).toBe(existing.id);
    expect(zoho.leadsOf(c.org)).toHaveLength(1);
  });

  it('refreshes the token once for 20 concurrent lookups, and once more after Zoho says INVALID_TOKEN', async () => {
    const c = zoho.connect();
    const tenant = await zohoTenant(t, c);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => leads.findLeadByPhone(tenant.id, `+${indianWaId()}`)),
    );
    expect(results.every((r) => r === null)).toBe(true);
    expect(tokenRequests(c.clientId)).toHaveLength(1);

    zoho.expireAccessTokens();
    const again = await Promise.all(
      Array.from({ length: 5 }, () => leads.findLeadByPhone(tenant.id, `+${indianWaId()}`)),
    );
    expect(again.every((r) => r === null)).toBe(true);
    expect(tokenRequests(c.clientId)).toHaveLength(2);
    const rejected = zoho
      .requests({ path: '/api/crm/v8/Leads/search' })
      .filter((r) => r.headers.authorization);
    expect(rejected.length).toBeGreaterThan(0);
  });

  it('keeps the lead pending through an outage and creates it exactly once when Zoho is back', async () => {
    const c = zoho.connect();
    const tenant = await zohoTenant(t, c);
    // Warm the token so the outage hits the CRM API itself.
    await leads.findLeadByPhone(tenant.id, `+${indianWaId()}`);
    zoho.fail({
      path: '/us/api/crm/',
      durationMs: 3_000,
      response: {
        status: 503,
        body: { code: 'INTERNAL_ERROR', details: {}, message: 'Service unavailable', status: 'error' },
      },
    });
    const ids = await Promise.all(
      Array.from(
        { length: 5 },
        async (_, i) =>
          (await leads.captureLead(tenant.id, { phone: indianWaId(), name: `Lead Number${'x'.repeat(i)}` }))
            .lead.id,
      ),
    );
    for (const id of ids) {
      const failing = await waitForLead(t, id, (r) => r.attempts >= 1 && r.last_error !== null);
      expect(failing.sync_state).toBe('pending');
      expect(failing.last_error).toMatch(/Zoho CRM failed while searching leads \(HTTP 503/);
    }
    const synced = await Promise.all(ids.map((id) => waitForLead(t, id, (r) => r.sync_state === 'synced')));
    expect(zoho.leadsOf(c.org)).toHaveLength(5);
    const phones = zoho.leadsOf(c.org).map((r) => r.Phone);
    expect(new Set(phones).size).toBe(5);
    expect(synced.every((r) => r.last_error === null)).toBe(true);

    // The answer to a create is lost: the retry finds the record instead of creating it again.
    zoho.loseCreateAnswers(1);
    const { lead } = await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Lost Answer' });
    const row = await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
    expect(row.attempts).toBe(2);
    expect(zoho.leadsOf(c.org).filter((r) => r.Phone === lead.phone)).toHaveLength(1);
    expect(row.crm_id).toBe(zoho.leadsOf(c.org).find((r) => r.Phone === lead.phone)!.id);
  });

  it('keeps retrying through an auth failure and syncs once the credentials are fixed', async () => {
    const c = zoho.connect();
    const tenant = await zohoTenant(t, c, { zoho: { client_secret: 'not-the-secret' } });
    const { lead } = await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Patient Lead' });
    const pending = await waitForLead(t, lead.id, (r) => r.attempts >= 2);
    expect(pending.sync_state).toBe('pending');
    expect(pending.last_error).toMatch(
      /did not accept the client id or client secret \(invalid_client_secret\)/,
    );
    expect(await connectionRow(t, tenant.id)).toMatchObject({ status: 'unhealthy' });

    const fixed = await t
      .http()
      .patch('/api/v1/tenant/settings')
      .set(bearer(tenant.admin.token))
      .send({ zoho: { client_secret: c.clientSecret } });
    expect(fixed.status).toBe(200);
    await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
    expect(zoho.leadsOf(c.org)).toHaveLength(1);
    await waitFor(async () => (await connectionRow(t, tenant.id)).status === 'healthy');
  });

  it('marks refused data failed, and a manual retry after the fix syncs it', async () => {
    const c = zoho.connect();
    const tenant = await zohoTenant(t, c);
    const me = bearer(tenant.admin.token);
    zoho.restrictLeadSources(['Web Download']);
    try {
      const { lead } = await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Picky Source' });
      const failed = await waitForLead(t, lead.id, (r) => r.sync_state === 'failed');
      expect(failed.last_error).toMatch(/Zoho refused the lead: INVALID_DATA on Lead_Source.*picklist/);
      const listed = await t.http().get('/api/v1/tenant/leads').query({ state: 'failed' }).set(me);
      expect(listed.body).toMatchObject({
        total: 1,
        items: [{ id: lead.id, last_error: failed.last_error }],
      });

      // The tenant picks a source that exists; new leads use it.
      const patched = await t
        .http()
        .patch('/api/v1/tenant/crm')
        .set(me)
        .send({ lead_source: 'Web Download' });
      expect(patched.body).toMatchObject({ crm: 'zoho', lead_source: 'Web Download' });
      const next = await leads.captureLead(tenant.id, { phone: indianWaId(), name: 'Right Source' });
      await waitForLead(t, next.lead.id, (r) => r.sync_state === 'synced');
      expect(zoho.leadsOf(c.org).map((r) => r.Lead_Source)).toEqual(['Web Download']);

      zoho.restrictLeadSources(null);
      const retried = await t.http().post(`/api/v1/tenant/leads/${lead.id}/retry`).set(me);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: lead.id, sync_state: 'pending', attempts: 0 });
      await waitForLead(t, lead.id, (r) => r.sync_state === 'synced');
      expect((await t.http().post(`/api/v1/tenant/leads/${lead.id}/retry`).set(me)).status).toBe(409);
      const audit = await t.http().get('/api/v1/tenant/audit-events').query({ action: 'lead.retry' }).set(me);
      expect(audit.body.total).toBe(1);
    } finally {
      zoho.restrictLeadSources(null);
    }
  });

  it('serves tenants in different data centres from their own servers', async () => {
    const eu = zoho.connect({ dc: 'eu' });
    const jp = zoho.connect({ dc: 'jp' });
    const [a, b] = [await zohoTenant(t, eu), await zohoTenant(t, jp)];
    const la = await leads.captureLead(a.id, { phone: indianWaId(), name: 'Euro Lead' });
    const lb = await leads.captureLead(b.id, { phone: indianWaId(), name: 'Japan Lead' });
    await waitForLead(t, la.lead.id, (r) => r.sync_state === 'synced');
    await waitForLead(t, lb.lead.id, (r) => r.sync_state === 'synced');
    expect(zoho.leadsOf(eu.org).map((r) => r.Last_Name)).toEqual(['Lead']);
    expect(zoho.leadsOf(jp.org).map((r) => r.First_Name)).toEqual(['Japan']);
    expect(tokenRequests(eu.clientId).map((r) => r.path)).toEqual(['/eu/accounts/oauth/v2/token']);
    expect(tokenRequests(jp.clientId).map((r) => r.path)).toEqual(['/jp/accounts/oauth/v2/token']);
  });

  describe('connection test', () => {
    const test = (token: string) => t.http().post('/api/v1/tenant/crm/test').set(bearer(token));

    it('says the connection works, and records it', async () => {
      const tenant = await zohoTenant(t, zoho.connect({ dc: 'au' }));
      const res = await test(tenant.admin.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        crm: 'zoho',
        ok: true,
        verdict: 'ok',
        message: expect.stringContaining('/au/api'),
      });
      const status = await t.http().get('/api/v1/tenant/crm').set(bearer(tenant.admin.token));
      expect(status.body).toMatchObject({
        crm: 'zoho',
        configured: true,
        status: 'healthy',
        last_error: null,
      });
      expect(status.body.checked_at).toEqual(expect.any(String));
    });

    it('names a revoked refresh token, and marks the connection unhealthy', async () => {
      const c = zoho.connect();
      zoho.revoke(c.refreshToken);
      const tenant = await zohoTenant(t, c);
      const res = await test(tenant.admin.token);
      expect(res.body).toMatchObject({ ok: false, verdict: 'bad_token' });
      expect(res.body.message).toMatch(
        /did not accept the refresh token \(invalid_code\).*revoked.*another data centre/,
      );
      expect(await connectionRow(t, tenant.id)).toMatchObject({
        status: 'unhealthy',
        last_error: res.body.message,
      });
    });

    it('names a refresh token sent to the wrong data centre', async () => {
      const c = zoho.connect({ dc: 'eu' });
      const tenant = await zohoTenant(t, c, { zoho: { accounts_url: zoho.accountsUrl('us') } });
      const res = await test(tenant.admin.token);
      expect(res.body).toMatchObject({ ok: false, verdict: 'bad_token' });
      expect(res.body.message).toContain('belongs to another data centre');
    });

    it('names an API domain of the wrong data centre', async () => {
      const c = zoho.connect({ dc: 'eu' });
      const tenant = await zohoTenant(t, c, { zoho: { api_url: zoho.apiDomain('us') } });
      zoho.options.includeApiDomain = false;
      try {
        const res = await test(tenant.admin.token);
        expect(res.body).toMatchObject({ ok: false, verdict: 'wrong_data_centre' });
        expect(res.body.message).toMatch(/rejected a freshly issued access token.*another data centre/);
      } finally {
        zoho.options.includeApiDomain = true;
      }
    });

    it('names a missing scope', async () => {
      const tenant = await zohoTenant(t, zoho.connect({ scopes: ['ZohoCRM.modules.leads.ALL'] }));
      const res = await test(tenant.admin.token);
      expect(res.body).toMatchObject({ ok: false, verdict: 'missing_scope' });
      expect(res.body.message).toContain('ZohoSearch.securesearch.READ');
    });

    it('names a wrong client, missing credentials and an unreachable server', async () => {
      const c = zoho.connect();
      const wrongClient = await zohoTenant(t, c, { zoho: { client_id: '1000.NOSUCHCLIENT' } });
      expect((await test(wrongClient.admin.token)).body).toMatchObject({ verdict: 'bad_client' });
      const missing = await zohoTenant(t, c, { zoho: { refresh_token: null } });
      const res = await test(missing.admin.token);
      expect(res.body).toMatchObject({
        verdict: 'not_configured',
        message: expect.stringContaining('refresh token'),
      });
      const unreachable = await zohoTenant(t, c, { zoho: { accounts_url: 'http://127.0.0.1:9' } });
      expect((await test(unreachable.admin.token)).body).toMatchObject({ verdict: 'unreachable' });
    });
  });

  it('answers lookups from the lead list while Zoho cannot be asked', async () => {
    const c = zoho.connect();
    const tenant = await zohoTenant(t, c);
    zoho.fail({ path: '/us/', response: { status: 503, body: {} } });
    try {
      const waId = indianWaId();
      const { lead } = await leads.captureLead(tenant.id, { phone: waId, name: 'Offline Capture' });
      expect(await leads.findLeadByPhone(tenant.id, waId)).toMatchObject({
        id: lead.id,
        firstName: 'Offline',
        origin: 'local',
        syncState: 'pending',
      });
      expect(await leads.findLeadByPhone(tenant.id, indianWaId())).toBeNull();
      expect((await leadRow(t, lead.id)).sync_state).toBe('pending');
    } finally {
      zoho.clearFailures();
    }
  });
});
