import { STATS_SERIES } from '@parley/shared-types';
import { createTenant, createWhatsAppConfig, platformAdmin } from './support/fixtures';
import { bearer, startIsolatedTestApp, TestApp, TestUser } from './support/test-app';

const TIMESERIES = '/api/v1/admin/stats/timeseries';

/** On a database of its own: the series count every row there is. */
describe('statistics time series', () => {
  let t: TestApp;
  let root: TestUser;
  const get = (query: Record<string, string>) =>
    t.http().get(TIMESERIES).query(query).set(bearer(root.token));

  beforeAll(async () => {
    t = await startIsolatedTestApp();
    root = await platformAdmin(t);
    const zoho = await createTenant(t, { crm: 'zoho' });
    const hub1 = await createTenant(t, { crm: 'hubspot' });
    const hub2 = await createTenant(t, { crm: 'hubspot' });
    await createWhatsAppConfig(t, zoho, {
      onboarding_completed: true,
      token_expires_at: '2030-01-04T10:00:00Z',
    });
    await createWhatsAppConfig(t, hub1);
    await t.dataSource.query(`UPDATE tenants SET created_at = '2030-01-02T23:30:00Z' WHERE id = ANY($1)`, [
      [zoho.id, hub1.id],
    ]);
    await t.dataSource.query(`UPDATE tenants SET created_at = '2030-01-03T00:10:00Z' WHERE id = $1`, [
      hub2.id,
    ]);
    await t.dataSource.query(
      `UPDATE tenant_configs SET created_at = '2030-01-03T08:00:00Z', onboarding_completed_at = '2030-01-05T08:00:00Z' WHERE tenant_id = $1`,
      [zoho.id],
    );
    // Leads as the CRM module stores them; the series counts capture days by the lead's CRM.
    const lead = (tenantId: string, crm: string, phone: string, at: string) =>
      t.dataSource.query(
        `INSERT INTO leads (tenant_id, phone, crm_kind, created_at) VALUES ($1, $2, $3, $4)`,
        [tenantId, phone, crm, at],
      );
    await lead(zoho.id, 'zoho', '+919800000001', '2030-01-02T23:59:59Z');
    await lead(zoho.id, 'zoho', '+919800000002', '2030-01-03T00:00:00Z');
    await lead(hub1.id, 'hubspot', '+919800000003', '2030-01-03T12:00:00Z');
    await lead(hub2.id, 'local', '+919800000004', '2030-01-03T13:00:00Z');
    await lead(hub2.id, 'local', '+919800000005', '2030-01-06T00:00:00Z');
  });
  afterAll(() => t.close());

  it('answers one zero-filled point per UTC day for every series it serves', async () => {
    const res = await get({ from: '2030-01-01', to: '2030-01-05' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2030-01-01', to: '2030-01-05', bucket: 'day' });
    const series = Object.fromEntries(res.body.series.map((s: { key: string }) => [s.key, s]));
    expect(Object.keys(series)).toEqual([
      'tenants_created',
      'configs_created',
      'onboardings_completed',
      'tokens_expiring',
      'admin_actions',
      'messages_in',
      'messages_out',
      'failed_sends',
      'llm_latency_ms',
      'llm_tokens',
      'leads_by_crm',
    ]);
    expect(series.tenants_created).toMatchObject({
      label: 'Tenants created, by CRM',
      unit: 'count',
      groups: ['zoho', 'hubspot', 'local'],
    });
    expect(series.tenants_created.points).toEqual([
      { date: '2030-01-01', values: { zoho: 0, hubspot: 0, local: 0 } },
      { date: '2030-01-02', values: { zoho: 1, hubspot: 1, local: 0 } },
      { date: '2030-01-03', values: { zoho: 0, hubspot: 1, local: 0 } },
      { date: '2030-01-04', values: { zoho: 0, hubspot: 0, local: 0 } },
      { date: '2030-01-05', values: { zoho: 0, hubspot: 0, local: 0 } },
    ]);
    const totals = (key: string) =>
      series[key].points.map((p: { values: { total: number } }) => p.values.total);
    expect(totals('configs_created')).toEqual([0, 0, 1, 0, 0]);
    expect(totals('onboardings_completed')).toEqual([0, 0, 0, 0, 1]);
    expect(totals('tokens_expiring')).toEqual([0, 0, 0, 1, 0]);
    expect(series.leads_by_crm).toMatchObject({
      label: 'Leads captured, by CRM',
      unit: 'count',
      groups: ['zoho', 'hubspot', 'local'],
    });
    expect(series.leads_by_crm.points.map((p: { values: object }) => p.values)).toEqual([
      { zoho: 0, hubspot: 0, local: 0 },
      { zoho: 1, hubspot: 0, local: 0 },
      { zoho: 1, hubspot: 1, local: 1 },
      { zoho: 0, hubspot: 0, local: 0 },
      { zoho: 0, hubspot: 0, local: 0 },
    ]);
    expect(
      series.admin_actions.points.every((p: { values: object }) => Object.keys(p.values).length === 0),
    ).toBe(true);
  });

  it('groups audited changes by kind, today by default over the last 30 days', async () => {
    const res = await get({});
    expect(res.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(res.body.to).toBe(today);
    const actions = res.body.series.find((s: { key: string }) => s.key === 'admin_actions');
    expect(actions.points).toHaveLength(30);
    expect(actions.groups).toEqual(expect.arrayContaining(['config', 'tenant', 'user']));
    expect(actions.points.at(-1).values.tenant).toBeGreaterThanOrEqual(3);
  });

  it('answers only the series asked for; series later issues bring are left out until they exist', async () => {
    // Robust to merges: whatever this build serves, a request gets exactly those of its keys.
    const served = (await get({ from: '2030-01-01', to: '2030-01-02' })).body.series.map(
      (s: { key: string }) => s.key,
    );
    const asked = ['configs_created', 'leads_by_crm', 'messages_in'];
    const res = await get({ from: '2030-01-01', to: '2030-01-02', series: asked.join(',') });
    expect(res.status).toBe(200);
    expect(res.body.series.map((s: { key: string }) => s.key)).toEqual(
      served.filter((k: string) => asked.includes(k)),
    );
    expect(served).toEqual(expect.arrayContaining(['configs_created', 'leads_by_crm']));
    expect(STATS_SERIES).toContain('messages_in');
  });

  it.each<[string, Record<string, string>, string]>([
    ['a malformed day', { from: '2030-1-1' }, 'from must be a day as YYYY-MM-DD'],
    [
      'an impossible day',
      { to: '2030-02-30' },
      'to must be a real calendar day as YYYY-MM-DD; got 2030-02-30',
    ],
    ['a reversed range', { from: '2030-01-05', to: '2030-01-01' }, 'from must be on or before to'],
    [
      'a range too long',
      { from: '2028-01-01', to: '2030-01-01' },
      'The range may span at most 366 days; it spans 732',
    ],
    ['an unknown series', { series: 'tenants_created,nope' }, 'series has unknown keys: nope'],
    ['an unknown parameter', { bucket: 'hour' }, 'property bucket should not exist'],
  ])('refuses %s with a 400 that names the problem', async (_label, query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });
});
