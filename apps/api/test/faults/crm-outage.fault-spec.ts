import { HubSpotFake } from '@parley/fakes';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/test-database';
import { call, createTenant, expectStatus, FaultTenant, sleep, until } from './support/client';
import { faultStack, FaultStack } from './support/fault-stack';

/** The issue asks for a minute; the default keeps the suite short. FAULT_CRM_OUTAGE_MS=60000 for the full minute. */
const OUTAGE_MS = Number(process.env.FAULT_CRM_OUTAGE_MS ?? 8000);

/**
 * Breaks: the tenant's CRM (the HubSpot fake) stops listening altogether for OUTAGE_MS while
 * leads keep being captured through the API.
 * Proves: every lead the API acknowledged reaches the CRM once it is back, exactly once (one
 * contact per phone), with no operator action; nothing is created while it is down.
 */
describe('fault: the CRM is down for a while', () => {
  let url: string;
  let stack: FaultStack;
  let hubspot: HubSpotFake;
  let db: Client;

  beforeAll(async () => {
    url = await createTestDatabase('fault_crm');
    hubspot = await new HubSpotFake({ searchPerSecond: 0 }).start();
    stack = faultStack(url, {
      HUBSPOT_API_BASE_URL: hubspot.url,
      CRM_TIMEOUT: '2',
      CRM_SYNC_RETRY_BASE: '1',
      CRM_SYNC_RETRY_MAX: '2',
      CRM_SYNC_MAX_ATTEMPTS: '1000',
    });
    db = new Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await stack?.stopAll();
    await db?.end();
    await hubspot?.stop();
    await dropTestDatabase(url);
  });

  it(`creates every lead captured during a ${OUTAGE_MS / 1000} s outage once the CRM is back, exactly once`, async () => {
    const api = await stack.api();
    const { token: portalToken } = hubspot.createPortal();
    const tenant: FaultTenant = await createTenant(api.url, await stack.rootToken(api), {
      crm: 'hubspot',
      default_country: 'IN',
      hubspot: { api_key: portalToken },
    });
    const capture = (n: number) =>
      expectStatus<{ id: string }>(201, api.url, 'POST', '/api/v1/tenant/leads', {
        token: tenant.token,
        body: { name: `Outage Lead ${n}`, phone: `+91 98${String(76500000 + n)}` },
      });

    const before = await capture(1);
    await until(
      'the lead captured before the outage is synced',
      async () => (await state(before.id)) === 'synced',
    );

    const port = Number(new URL(hubspot.url).port);
    await hubspot.stop();
    const downAt = Date.now();
    const during: string[] = [];
    for (let n = 2; n <= 11; n++) during.push((await capture(n)).id);
    await until(
      'every lead captured during the outage has failed at least once',
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM leads WHERE id = ANY($1) AND attempts >= 1 AND last_error IS NOT NULL`,
          [during],
        );
        return rows[0].n === during.length;
      },
      OUTAGE_MS + 10_000,
    );
    const pendingWhileDown = await db.query(`SELECT sync_state FROM leads WHERE id = ANY($1)`, [during]);
    expect(pendingWhileDown.rows.every((r) => r.sync_state === 'pending')).toBe(true);
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
    expect(hubspot.contactsOf(portalToken)).toHaveLength(1);

    await hubspot.start(port);
    const recoveredIn = await until(
      'every lead is synced after the CRM came back',
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1 AND sync_state = 'synced'`,
          [tenant.id],
        );
        return rows[0].n === 11;
      },
      30_000,
    );
    // Let any retry that was already scheduled run, then count again: still one contact per lead.
    await sleep(3000);
    const contacts = hubspot.contactsOf(portalToken);
    const phones = contacts.map((c) => c.properties.phone);
    expect(contacts).toHaveLength(11);
    expect(new Set(phones).size).toBe(11);
    const { rows } = await db.query<{ crm_id: string; attempts: number }>(
      `SELECT crm_id, attempts FROM leads WHERE id = ANY($1)`,
      [during],
    );
    expect(new Set(rows.map((r) => r.crm_id)).size).toBe(during.length);
    expect(await call(api.url, 'GET', '/health')).toMatchObject({ status: 200 });
    process.stdout.write(
      `CRM outage ${OUTAGE_MS} ms: 10 leads captured while down, all synced ${recoveredIn} ms after it came back; ` +
        `attempts ${rows.map((r) => r.attempts).join(',')}; ${contacts.length} contacts for 11 leads\n`,
    );

    async function state(id: string): Promise<string> {
      const res = await db.query<{ sync_state: string }>(`SELECT sync_state FROM leads WHERE id = $1`, [id]);
      return res.rows[0]?.sync_state;
    }
  });
});
