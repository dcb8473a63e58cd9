import { randomUUID } from 'node:crypto';
import { createTenant, platformAdmin, TestTenant } from './support/fixtures';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { BULK, finishedOperation, operation } from './support/bulk';

const TENANTS = '/api/v1/admin/tenants';

/** Credential health in the platform admin's tenant list, and the bulk actions that call other modules. */
describe('tenant health in the admin tenant list', () => {
  let t: TestApp;
  let root: TestUser;
  const admin = () => bearer(root.token);
  const marker = `health${randomUUID().slice(0, 6)}`;
  const tenants: Record<'ok' | 'expiring' | 'invalid' | 'unknown' | 'unchecked', TestTenant> = {} as never;

  const health = (tenantId: string, rows: [string, string][]) =>
    Promise.all(
      rows.map(([credential, status]) =>
        t.dataSource.query(
          `INSERT INTO credential_health (tenant_id, credential, status) VALUES ($1, $2, $3)`,
          [tenantId, credential, status],
        ),
      ),
    );

  beforeAll(async () => {
    t = await startTestApp();
    root = await platformAdmin(t);
    for (const name of ['ok', 'expiring', 'invalid', 'unknown', 'unchecked'] as const) {
      tenants[name] = await createTenant(t, { id: `${marker}_${name}`, name: `${marker} ${name}` });
    }
    // The overall status is the worst credential: invalid > expiring > unknown > ok; no row is unknown.
    await health(tenants.ok.id, [
      ['whatsapp', 'ok'],
      ['zoho', 'ok'],
    ]);
    await health(tenants.expiring.id, [
      ['whatsapp', 'expiring'],
      ['zoho', 'ok'],
      ['hubspot', 'unknown'],
    ]);
    await health(tenants.invalid.id, [
      ['whatsapp', 'expiring'],
      ['waba_subscription', 'invalid'],
    ]);
    await health(tenants.unknown.id, [
      ['whatsapp', 'ok'],
      ['hubspot', 'unknown'],
    ]);
  });
  afterAll(() => t.close());

  const list = (query: Record<string, string>) =>
    t
      .http()
      .get(TENANTS)
      .query({ search: marker, sort: 'id', ...query })
      .set(admin());

  it('shows each tenant its overall credential health', async () => {
    const res = await list({});
    expect(res.status).toBe(200);
    expect(
      Object.fromEntries(res.body.items.map((i: { id: string; health: string }) => [i.id, i.health])),
    ).toEqual({
      [tenants.expiring.id]: 'expiring',
      [tenants.invalid.id]: 'invalid',
      [tenants.ok.id]: 'ok',
      [tenants.unchecked.id]: 'unknown',
      [tenants.unknown.id]: 'unknown',
    });
    // The detail route keeps its shape; health there is GET …/health.
    const detail = await t.http().get(`${TENANTS}/${tenants.ok.id}`).set(admin());
    expect(detail.body).not.toHaveProperty('health');
  });

  it.each([
    ['ok', ['ok']],
    ['expiring', ['expiring']],
    ['invalid', ['invalid']],
    ['unknown', ['unchecked', 'unknown']],
  ])('filters by health %s, as the column computes it', async (status, expected) => {
    const res = await list({ health: status });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(expected.length);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(expected.map((e) => `${marker}_${e}`));
    expect(res.body.items.every((i: { health: string }) => i.health === status)).toBe(true);
  });

  it('refuses an unknown health with a 400 naming it, and tenant admins get 403', async () => {
    const bad = await list({ health: 'sick' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('health must be one of ok, expiring, invalid, unknown');
    const forTenant = await t
      .http()
      .get(TENANTS)
      .query({ health: 'invalid' })
      .set(bearer(tenants.ok.admin.token));
    expect(forTenant.status).toBe(403);
    const bulkForTenant = await t
      .http()
      .post(BULK)
      .set(bearer(tenants.ok.admin.token))
      .send({ action: 'health_check', tenant_ids: [tenants.ok.id] });
    expect(bulkForTenant.status).toBe(403);
  });

  const finished = (id: string) => finishedOperation(t, root.token, id);

  it('health_check by health filter checks each tenant and reports it in words', async () => {
    const filter = { search: marker, health: 'unknown' };
    const started = await t.http().post(BULK).set(admin()).send({ action: 'health_check', filter });
    expect(started.status).toBe(202);
    const done = await finished(started.body.id);
    expect(done).toMatchObject({ status: 'completed', counts: { total: 2, succeeded: 2, failed: 0 } });
    const items = await t
      .http()
      .get(`${operation(started.body.id)}/items`)
      .set(admin());
    for (const item of items.body.items) {
      expect(item).toMatchObject({
        status: 'succeeded',
        message: expect.stringMatching(/ok|Nothing to check/),
      });
    }
  });

  it.each(['recrawl_knowledge'])(
    '%s by health filter: tenants without knowledge sources are skipped, nothing audited',
    async (action) => {
      const filter = { search: marker, health: 'unknown' };
      const started = await t.http().post(BULK).set(admin()).send({ action, filter });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ action, selection: { filter }, counts: { total: 2 } });
      const done = await finished(started.body.id);
      expect(done).toMatchObject({
        status: 'completed',
        counts: { total: 2, pending: 0, succeeded: 0, failed: 0, skipped: 2 },
      });
      const items = await t
        .http()
        .get(`${operation(started.body.id)}/items`)
        .set(admin());
      expect(items.body.items).toEqual(
        [tenants.unchecked.id, tenants.unknown.id].map((id) =>
          expect.objectContaining({
            tenant_id: id,
            status: 'skipped',
            message: 'No knowledge sources',
          }),
        ),
      );
      // Nothing was done, so nothing per tenant is audited.
      const audit = await t
        .http()
        .get('/api/v1/admin/audit-events')
        .query({ action: `tenant.bulk_${action}` })
        .set(admin());
      expect(audit.body.total).toBe(0);
    },
  );

  it('refuses a bad health in a bulk filter with a 400', async () => {
    const res = await t
      .http()
      .post(BULK)
      .set(admin())
      .send({ action: 'health_check', filter: { health: 'sick' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('filter.health must be one of ok, expiring, invalid, unknown');
  });
});
