import { randomUUID } from 'node:crypto';
import { BulkOperationRunner } from '../src/modules/bulk-operations/bulk-operation.runner';
import {
  createTenant,
  createWhatsAppConfig,
  platformAdmin,
  TestTenant,
  uniqueTenantId,
} from './support/fixtures';
import { bearer, startIsolatedTestApp, startTestApp, TestApp, TestUser } from './support/test-app';
import { BULK, finishedOperation, operation } from './support/bulk';

describe('bulk operations on tenants', () => {
  let t: TestApp;
  let root: TestUser;
  const admin = () => bearer(root.token);

  beforeAll(async () => {
    t = await startTestApp();
    root = await platformAdmin(t);
  });
  afterAll(() => t.close());

  const statusOf = async (ids: string[]) =>
    Object.fromEntries(
      (
        await t.dataSource.query<{ id: string; status: string }[]>(
          'SELECT id, status FROM tenants WHERE id = ANY($1)',
          [ids],
        )
      ).map((r) => [r.id, r.status]),
    );

  const finished = (id: string) => finishedOperation(t, root.token, id);

  it('deactivates tenants by id in the background, with progress, per-tenant results and audit', async () => {
    const tenants = await Promise.all([1, 2, 3].map(() => createTenant(t)));
    const ids = tenants.map((x) => x.id);
    const started = await t.http().post(BULK).set(admin()).send({ action: 'deactivate', tenant_ids: ids });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      id: expect.any(String),
      action: 'deactivate',
      status: expect.stringMatching(/queued|running|completed/),
      selection: { tenant_ids: ids },
      counts: { total: 3 },
      created_by: root.email,
    });

    const done = await finished(started.body.id);
    expect(done).toMatchObject({
      status: 'completed',
      counts: { total: 3, pending: 0, succeeded: 3, failed: 0, skipped: 0 },
      started_at: expect.any(String),
      finished_at: expect.any(String),
      error: null,
    });
    expect(await statusOf(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 'suspended'])));

    const items = await t
      .http()
      .get(`${operation(started.body.id)}/items`)
      .set(admin());
    expect(items.status).toBe(200);
    expect(items.body.total).toBe(3);
    expect(items.body.items).toEqual(
      [...ids].sort().map((id) => ({
        tenant_id: id,
        tenant_name: `Tenant ${id}`,
        status: 'succeeded',
        message: null,
        finished_at: expect.any(String),
      })),
    );

    // Each tenant's change is audited in the admin's name; so are the start and the end.
    const audit = await t
      .http()
      .get('/api/v1/admin/audit-events')
      .query({ action: 'tenant.bulk_deactivate', page_size: 100 })
      .set(admin());
    const mine = audit.body.items.filter((e: { tenant_id: string }) => ids.includes(e.tenant_id));
    expect(mine).toHaveLength(3);
    for (const event of mine) {
      expect(event).toMatchObject({
        actor: { email: root.email, role: 'platform_admin' },
        before: { status: 'active' },
        after: { status: 'suspended' },
        request_id: expect.any(String),
      });
    }
    const lifecycle = await t
      .http()
      .get('/api/v1/admin/audit-events')
      .query({ action: 'bulk.deactivate' })
      .set(admin());
    const ofThis = lifecycle.body.items.filter((e: { target_id: string }) => e.target_id === started.body.id);
    expect(ofThis.map((e: { action: string }) => e.action).sort()).toEqual([
      'bulk.deactivate.complete',
      'bulk.deactivate.start',
    ]);

    // A suspended tenant's admins keep their accounts; activating brings the tenant back.
    const again = await t.http().post(BULK).set(admin()).send({ action: 'activate', tenant_ids: ids });
    expect((await finished(again.body.id)).counts.succeeded).toBe(3);
    expect(Object.values(await statusOf(ids))).toEqual(['active', 'active', 'active']);
  });

  it('skips tenants already in that state and ids that name no tenant', async () => {
    const active = await createTenant(t);
    const missing = uniqueTenantId('gone');
    const started = await t
      .http()
      .post(BULK)
      .set(admin())
      .send({ action: 'activate', tenant_ids: [active.id, missing, active.id] });
    expect(started.status).toBe(202);
    expect(started.body.counts.total).toBe(2);
    const done = await finished(started.body.id);
    expect(done.counts).toEqual({ total: 2, pending: 0, succeeded: 0, failed: 0, skipped: 2 });
    const items = await t
      .http()
      .get(`${operation(started.body.id)}/items`)
      .query({ status: 'skipped' })
      .set(admin());
    const byId = Object.fromEntries(
      items.body.items.map((i: { tenant_id: string; message: string }) => [i.tenant_id, i.message]),
    );
    expect(byId).toEqual({ [active.id]: 'Already active', [missing]: 'No tenant has this id' });
  });

  it('selects every tenant matching a filter, as the tenant list filters', async () => {
    const marker = `bulkfilter${randomUUID().slice(0, 6)}`;
    const hubspot = await Promise.all(
      [1, 2].map((i) => createTenant(t, { name: `${marker} hub ${i}`, crm: 'hubspot' })),
    );
    const zoho = await createTenant(t, { name: `${marker} zoho`, crm: 'zoho' });
    const filter = { search: marker.toUpperCase(), crm: 'hubspot' };
    const listed = await t.http().get('/api/v1/admin/tenants').query(filter).set(admin());
    expect(listed.body.total).toBe(2);

    const started = await t.http().post(BULK).set(admin()).send({ action: 'deactivate', filter });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ selection: { filter }, counts: { total: 2 } });
    await finished(started.body.id);
    expect(await statusOf([...hubspot.map((x) => x.id), zoho.id])).toEqual({
      [hubspot[0].id]: 'suspended',
      [hubspot[1].id]: 'suspended',
      [zoho.id]: 'active',
    });
  });

  it('deletes only with the phrase naming the count, and then everything the tenants own', async () => {
    const doomed: TestTenant[] = await Promise.all(
      [1, 2].map(() => createTenant(t, { crm: 'hubspot', hubspot: { api_key: 'pat-secret-key-7777' } })),
    );
    for (const tenant of doomed) await createWhatsAppConfig(t, tenant);
    const ids = doomed.map((x) => x.id);
    const operations = async () =>
      Number((await t.dataSource.query('SELECT count(*) AS n FROM bulk_operations'))[0].n);
    const before = await operations();

    for (const confirmation of [undefined, 'DELETE 3 TENANTS', 'delete 2 tenants', 'DELETE_ALL']) {
      const res = await t
        .http()
        .post(BULK)
        .set(admin())
        .send({ action: 'delete', tenant_ids: ids, confirmation });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('"DELETE 2 TENANTS"');
      expect(res.body.message).toContain('nothing was deleted');
    }
    expect(await operations()).toBe(before);
    expect(Object.keys(await statusOf(ids))).toHaveLength(2);

    const started = await t
      .http()
      .post(BULK)
      .set(admin())
      .send({ action: 'delete', tenant_ids: ids, confirmation: 'DELETE 2 TENANTS' });
    expect(started.status).toBe(202);
    const done = await finished(started.body.id);
    expect(done.counts).toMatchObject({ total: 2, succeeded: 2 });
    for (const table of ['tenants', 'users', 'tenant_configs', 'phone_numbers', 'crm_connections']) {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      expect(
        await t.dataSource.query(`SELECT 1 FROM ${table} WHERE ${column} = ANY($1)`, [ids]),
      ).toHaveLength(0);
    }
    // The results still name the deleted tenants; the audit trail holds masked snapshots only.
    const items = await t
      .http()
      .get(`${operation(started.body.id)}/items`)
      .set(admin());
    expect(items.body.items.map((i: { tenant_name: string }) => i.tenant_name).sort()).toEqual(
      ids.map((id) => `Tenant ${id}`).sort(),
    );
    const audit = await t
      .http()
      .get('/api/v1/admin/audit-events')
      .query({ action: 'tenant.bulk_delete', tenant_id: ids[0] })
      .set(admin());
    expect(audit.body.items[0].before.hubspot.api_key).toBe('***7777');
    expect(JSON.stringify(audit.body)).not.toContain('pat-secret-key-7777');
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: doomed[0].admin.email, password: doomed[0].admin.password });
    expect(login.status).toBe(401);
  });

  it('a single tenant takes the singular phrase', async () => {
    const one = await createTenant(t);
    const res = await t
      .http()
      .post(BULK)
      .set(admin())
      .send({ action: 'delete', tenant_ids: [one.id], confirmation: 'DELETE 1 TENANT' });
    expect(res.status).toBe(202);
    await finished(res.body.id);
    expect(await statusOf([one.id])).toEqual({});
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown action',
      { action: 'explode', tenant_ids: ['acme'] },
      'action must be one of activate, deactivate, delete',
    ],
    ['no action', { tenant_ids: ['acme'] }, 'action must be one of'],
    ['no selection', { action: 'activate' }, 'Choose the tenants: give tenant_ids or a filter'],
    [
      'ids and a filter',
      { action: 'activate', tenant_ids: ['acme'], filter: {} },
      'Give either tenant_ids or filter, not both',
    ],
    ['an empty id list', { action: 'activate', tenant_ids: [] }, 'tenant_ids must name at least one tenant'],
    [
      'ids as a string',
      { action: 'activate', tenant_ids: 'acme' },
      'tenant_ids must be a list of tenant ids',
    ],
    ['a malformed id', { action: 'activate', tenant_ids: ['Not An Id!'] }, 'tenant_ids must hold tenant ids'],
    [
      '10,001 ids',
      { action: 'activate', tenant_ids: Array.from({ length: 10_001 }, (_, i) => `t${i}x`) },
      'at most 10000',
    ],
    [
      'an unknown status filter',
      { action: 'activate', filter: { status: 'gone' } },
      'filter.status must be one of active, suspended',
    ],
    [
      'a non-boolean onboarded filter',
      { action: 'activate', filter: { onboarded: 'yes' } },
      'filter.onboarded must be true or false',
    ],
    [
      'a filter matching nothing',
      { action: 'activate', filter: { search: `nothing-${randomUUID()}` } },
      'No tenant matches this filter',
    ],
    [
      'an unknown field',
      { action: 'activate', tenant_ids: ['acme'], tenant_id: 'x' },
      'property tenant_id should not exist',
    ],
  ])('refuses %s with a 400 that names the problem', async (_label, body, message) => {
    const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM bulk_operations'))[0].n);
    const res = await t.http().post(BULK).set(admin()).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toContain(message);
    expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM bulk_operations'))[0].n)).toBe(before);
  });

  it('answers 404 for an unknown operation and 400 for a bad item filter', async () => {
    for (const id of ['not-a-uuid', randomUUID()]) {
      for (const path of [operation(id), `${operation(id)}/items`]) {
        const res = await t.http().get(path).set(admin());
        expect(res.status).toBe(404);
        expect(res.body.message).toBe(`Bulk operation ${id} not found`);
      }
      expect(
        (
          await t
            .http()
            .post(`${operation(id)}/cancel`)
            .set(admin())
        ).status,
      ).toBe(404);
    }
    const tenant = await createTenant(t);
    const started = await t
      .http()
      .post(BULK)
      .set(admin())
      .send({ action: 'activate', tenant_ids: [tenant.id] });
    const bad = await t
      .http()
      .get(`${operation(started.body.id)}/items`)
      .query({ status: 'bogus' })
      .set(admin());
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('status must be one of pending, succeeded, failed, skipped');
    await finished(started.body.id);
    const cancel = await t
      .http()
      .post(`${operation(started.body.id)}/cancel`)
      .set(admin());
    expect(cancel.status).toBe(409);
    expect(cancel.body.message).toContain('already completed');
  });

  it('lists operations newest first with their counts', async () => {
    const tenant = await createTenant(t);
    const started = await t
      .http()
      .post(BULK)
      .set(admin())
      .send({ action: 'deactivate', tenant_ids: [tenant.id] });
    const list = await t.http().get('/api/v1/admin/bulk-operations').query({ page_size: 5 }).set(admin());
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, page_size: 5, total: expect.any(Number) });
    const found = list.body.items.find((o: { id: string }) => o.id === started.body.id);
    expect(found).toMatchObject({ action: 'deactivate', counts: { total: 1 } });
  });
});

/** Without workers, on a database of its own, so the test drives the jobs itself. */
describe('bulk operation jobs', () => {
  let t: TestApp;
  let root: TestUser;
  let runner: BulkOperationRunner;

  beforeAll(async () => {
    t = await startIsolatedTestApp({ RUN_WORKERS: 'false', BULK_ITEMS_PER_JOB: '2' });
    root = await platformAdmin(t);
    runner = t.app.get(BulkOperationRunner);
  });
  afterAll(() => t.close());

  const start = async (action: string, tenantIds: string[]) => {
    const res = await t.http().post(BULK).set(bearer(root.token)).send({ action, tenant_ids: tenantIds });
    expect(res.status).toBe(202);
    return res.body.id as string;
  };
  const get = async (id: string) => (await t.http().get(operation(id)).set(bearer(root.token))).body;
  const queued = async (id: string) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS n FROM pgboss.job WHERE name = 'bulk-operations' AND state = 'created' AND data->>'operationId' = $1`,
          [id],
        )
      )[0].n,
    );

  it('enqueues its job with the operation, handles a slice per job and hands on the rest', async () => {
    const tenants = await Promise.all([1, 2, 3, 4, 5].map(() => createTenant(t)));
    const id = await start(
      'deactivate',
      tenants.map((x) => x.id),
    );
    expect(await get(id)).toMatchObject({ status: 'queued', counts: { pending: 5 } });
    expect(await queued(id)).toBe(1);

    await runner.runSlice(id);
    expect(await get(id)).toMatchObject({ status: 'running', counts: { pending: 3, succeeded: 2 } });
    expect(await queued(id)).toBe(2);
    await runner.runSlice(id);
    await runner.runSlice(id);
    expect(await get(id)).toMatchObject({ status: 'completed', counts: { pending: 0, succeeded: 5 } });
    // A duplicate or retried job finds nothing left to do.
    await runner.runSlice(id);
    expect((await get(id)).counts.succeeded).toBe(5);
  });

  it('cancels: tenants not yet handled stay as they were', async () => {
    const tenants = await Promise.all([1, 2, 3].map(() => createTenant(t)));
    const id = await start(
      'deactivate',
      tenants.map((x) => x.id),
    );
    await runner.runSlice(id);
    const cancelled = await t
      .http()
      .post(`${operation(id)}/cancel`)
      .set(bearer(root.token));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      counts: { total: 3, succeeded: 2, skipped: 1, pending: 0 },
      finished_at: expect.any(String),
    });
    await runner.runSlice(id);
    const statuses = await t.dataSource.query<{ status: string }[]>(
      'SELECT status FROM tenants WHERE id = ANY($1) ORDER BY id',
      [tenants.map((x) => x.id).sort()],
    );
    expect(statuses.map((s) => s.status)).toEqual(['suspended', 'suspended', 'active']);
    const items = await t
      .http()
      .get(`${operation(id)}/items`)
      .query({ status: 'skipped' })
      .set(bearer(root.token));
    expect(items.body.items[0].message).toBe('Cancelled before it ran');
  });

  it('marks the operation failed when its job has failed on every retry', async () => {
    const tenant = await createTenant(t);
    const id = await start('activate', [tenant.id]);
    await runner.markFailed(id);
    expect(await get(id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('failed on every retry'),
      counts: { skipped: 1, pending: 0 },
    });
  });

  it('fails one tenant without stopping the others', async () => {
    const tenants = await Promise.all([1, 2].map(() => createTenant(t)));
    const id = await start(
      'deactivate',
      tenants.map((x) => x.id),
    );
    // A tenant deleted after the operation started is reported, not fatal.
    await t.dataSource.query('DELETE FROM tenants WHERE id = $1', [tenants[0].id]);
    await runner.runSlice(id);
    expect(await get(id)).toMatchObject({ status: 'completed', counts: { succeeded: 1, skipped: 1 } });
  });
});
