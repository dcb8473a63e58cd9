import { createTestDatabase, dropTestDatabase } from '../support/test-database';
import { call, createTenant, expectStatus, until } from './support/client';
import { faultStack, FaultStack } from './support/fault-stack';

/**
 * Breaks: the single-process assumption. Two API processes serve one database, each with its own
 * ConfigLoader cache, and a tenant's settings change through one of them.
 * Proves: the other process uses the new settings at once (LISTEN/NOTIFY invalidation), without
 * waiting for the cache's 5-minute safety TTL; and after the first process is killed (SIGKILL)
 * the survivor still serves the tenant and hears changes it makes itself.
 */
describe('fault: two API processes, a config change on one', () => {
  let url: string;
  let stack: FaultStack;

  beforeAll(async () => {
    url = await createTestDatabase('fault_two_api');
    stack = faultStack(url, { RUN_WORKERS: 'false' });
  });
  afterAll(async () => {
    await stack?.stopAll();
    await dropTestDatabase(url);
  });

  it('is used by the other process at once', async () => {
    const a = await stack.api();
    const b = await stack.api();
    const tenant = await createTenant(a.url, await stack.rootToken(a), { crm: 'local' });
    const crmOn = async (node: { url: string }) =>
      (
        await expectStatus<{ crm: string; configured: boolean }>(200, node.url, 'GET', '/api/v1/tenant/crm', {
          token: tenant.token,
        })
      ).crm;

    // B has the tenant cached as a local-CRM tenant.
    expect(await crmOn(b)).toBe('local');
    expect(await crmOn(b)).toBe('local');

    const changedAt = performance.now();
    await expectStatus(200, a.url, 'PATCH', '/api/v1/tenant/settings', {
      token: tenant.token,
      body: { crm: 'hubspot', hubspot: { api_key: 'pat-na1-00000000-0000-4000-8000-000000000001' } },
    });
    const seenAfter = await until('B uses the new CRM', async () => (await crmOn(b)) === 'hubspot', 2000);
    const propagationMs = performance.now() - changedAt;
    // "At once": LISTEN/NOTIFY, not the 5-minute TTL.
    expect(propagationMs).toBeLessThan(1000);

    await a.kill();
    await expectStatus(200, b.url, 'PATCH', '/api/v1/tenant/settings', {
      token: tenant.token,
      body: { crm: 'local' },
    });
    expect(await crmOn(b)).toBe('local');
    expect(await call(b.url, 'GET', '/health')).toMatchObject({ status: 200 });
    process.stdout.write(
      `Config change on API 1 used by API 2 ${Math.round(propagationMs)} ms after the PATCH was sent (polled ${seenAfter} ms after its answer)\n`,
    );
  });
});
