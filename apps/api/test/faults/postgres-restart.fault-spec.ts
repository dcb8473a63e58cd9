import { HubSpotFake } from '@parley/fakes';
import { Client } from 'pg';
import { call, createTenant, Outcome, sleep, until } from './support/client';
import { faultStack, FaultStack } from './support/fault-stack';
import { startThrowawayPostgres, ThrowawayPostgres } from './support/throwaway-postgres';

const OUTAGE_MS = Number(process.env.FAULT_PG_OUTAGE_MS ?? 4000);
/** A request may wait this long; anything longer counts as a hang. */
const REQUEST_DEADLINE_MS = 12_000;
const SYNC_WAIT_MS = Number(process.env.FAULT_SYNC_WAIT_MS ?? 15_000);

interface Sample {
  phone: string;
  startedAt: number;
  outcome: Outcome;
}

/**
 * Breaks: the PostgreSQL server (a throwaway cluster of this test's own, never the shared one)
 * crashes (`pg_ctl stop -m immediate`) while four clients write leads through the API, and comes
 * back OUTAGE_MS later; the API process is not restarted.
 * Proves: requests during the outage are answered 503 promptly (no hang, the process stays up);
 * every write acknowledged (201) before or after is stored once and its outbox job reaches the
 * CRM once; the API and its job workers recover on their own.
 */
describe('fault: PostgreSQL restarted under load', () => {
  let pg: ThrowawayPostgres;
  let stack: FaultStack;
  let hubspot: HubSpotFake;

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    hubspot = await new HubSpotFake({ searchPerSecond: 0 }).start();
    stack = faultStack(pg.databaseUrl, {
      HUBSPOT_API_BASE_URL: hubspot.url,
      CRM_TIMEOUT: '2',
      CRM_SYNC_RETRY_BASE: '1',
      CRM_SYNC_RETRY_MAX: '2',
      CRM_SYNC_MAX_ATTEMPTS: '1000',
    });
  });
  afterAll(async () => {
    await stack?.stopAll();
    await hubspot?.stop();
    pg?.destroy();
  });

  it(
    `answers 5xx during a ${OUTAGE_MS / 1000} s outage and keeps every acknowledged write once`,
    async () => {
      const api = await stack.api();
      const { token: portalToken } = hubspot.createPortal();
      const tenant = await createTenant(api.url, await stack.rootToken(api), {
        crm: 'hubspot',
        default_country: 'IN',
        hubspot: { api_key: portalToken },
      });

      const samples: Sample[] = [];
      let running = true;
      let next = 0;
      const client = async (worker: number) => {
        while (running) {
          const n = next++;
          const phone = `+9197${String(10000000 + worker * 1_000_000 + n).padStart(8, '0')}`;
          const startedAt = Date.now();
          const outcome = await call(api.url, 'POST', '/api/v1/tenant/leads', {
            token: tenant.token,
            body: { name: `Load Lead ${n}`, phone },
            timeoutMs: REQUEST_DEADLINE_MS,
          });
          samples.push({ phone, startedAt, outcome });
          if (outcome.status !== 201) await sleep(100);
        }
      };
      const clients = [0, 1, 2, 3].map(client);

      await sleep(2000);
      const crashedAt = Date.now();
      pg.crash();
      await sleep(OUTAGE_MS);
      const restartedAt = Date.now();
      pg.start();
      let health: Outcome | undefined;
      const healthyIn = await until(
        'the API is ready again',
        async () => (health = await call(api.url, 'GET', '/health', { timeoutMs: 2000 })).status === 200,
        30_000,
      ).catch((error: Error) => {
        running = false;
        throw new Error(
          `${error.message}; last /health: ${JSON.stringify(health)}; exit ${api.process.child.exitCode} ${api.process.child.signalCode}\n${api.process
            .output()
            .split('\n')
            .filter((l) => !l.startsWith('{'))
            .join('\n')
            .slice(-3000)}`,
        );
      });
      await until(
        'a write succeeds after the restart',
        () => samples.some((s) => s.startedAt > restartedAt && s.outcome.status === 201),
        30_000,
      );
      await sleep(2000);
      running = false;
      await Promise.all(clients);

      const during = samples.filter((s) => s.startedAt >= crashedAt + 200 && s.startedAt < restartedAt);
      const acknowledged = samples.filter((s) => s.outcome.status === 201);
      const other = samples.filter((s) => s.outcome.status !== 201);
      // While down: answered, and answered 503 (retry later), not 500 (a bug).
      expect(during.length).toBeGreaterThan(0);
      for (const s of during) {
        expect(s.outcome.error).toBeUndefined();
        expect(s.outcome.status).toBe(503);
      }
      // Nothing hung and the process never went away.
      expect(samples.filter((s) => s.outcome.error !== undefined)).toEqual([]);
      expect(api.process.child.exitCode).toBeNull();
      expect(acknowledged.filter((s) => s.startedAt < crashedAt).length).toBeGreaterThan(0);
      expect(acknowledged.filter((s) => s.startedAt > restartedAt).length).toBeGreaterThan(0);

      const db = new Client({ connectionString: pg.databaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query<{ phone: string; n: number }>(
          `SELECT phone, count(*)::int AS n FROM leads WHERE tenant_id = $1 GROUP BY phone`,
          [tenant.id],
        );
        const stored = new Map(rows.map((r) => [r.phone, r.n]));
        for (const s of acknowledged) expect([s.phone, stored.get(s.phone)]).toEqual([s.phone, 1]);
        // A request that failed may or may not have committed before the crash; never twice.
        expect(rows.every((r) => r.n === 1)).toBe(true);

        // Jobs that were mid-attempt when the server died cannot record their end (pg-boss's
        // complete/fail fail too), so they stay `active` until their expiry (the lead lease + 60 s,
        // ~2 min here, ~3 min with default CRM settings) and are then retried by pg-boss. By default
        // the test waits FAULT_SYNC_WAIT_MS for the rest and checks that each lead left is held by a
        // live job; FAULT_SYNC_WAIT_MS=200000 waits for them all.
        const waitMs = SYNC_WAIT_MS;
        const unsynced = async () =>
          (
            await db.query<{ id: string; jobs: string | null }>(
              `SELECT l.id, (SELECT string_agg(j.state::text, ',') FROM pgboss.job j
                            WHERE j.name = 'crm-lead-sync' AND j.data->>'leadId' = l.id::text
                              AND j.state IN ('created', 'retry', 'active')) AS jobs
               FROM leads l WHERE tenant_id = $1 AND sync_state <> 'synced'`,
              [tenant.id],
            )
          ).rows;
        const syncedIn = await until(
          'every stored lead reaches the CRM',
          async () => (await unsynced()).length === 0,
          waitMs,
        ).catch(() => -1);
        const left = await unsynced();
        expect(left.filter((l) => !l.jobs)).toEqual([]);
        await sleep(2500);
        const { rows: synced } = await db.query<{ phone: string }>(
          `SELECT phone FROM leads WHERE tenant_id = $1 AND sync_state = 'synced'`,
          [tenant.id],
        );
        const phones = hubspot.contactsOf(portalToken).map((c) => c.properties.phone);
        // Exactly once: one contact per synced lead, no phone twice (a held lead may already be in).
        expect(new Set(phones).size).toBe(phones.length);
        expect(phones.length).toBeGreaterThanOrEqual(synced.length);
        expect(phones.length).toBeLessThanOrEqual(rows.length);

        const during5xx = during.map((s) => s.outcome.ms).sort((a, b) => a - b);
        const statuses = [...new Set(other.map((s) => s.outcome.status))].join(',');
        process.stdout.write(
          `PostgreSQL crash + ${OUTAGE_MS} ms outage under 4 writers: ${samples.length} requests, ` +
            `${acknowledged.length} acknowledged (all stored once), ${other.length} refused (statuses ${statuses}); ` +
            `during the outage ${during.length} answered in max ${Math.round(during5xx.at(-1) ?? 0)} ms; ` +
            `ready ${healthyIn} ms after the restart; ${synced.length} of ${rows.length} leads in the CRM once ${syncedIn < 0 ? `within ${waitMs} ms, ${left.length} held by an active job until it expires` : `${syncedIn} ms later`}\n`,
        );
      } finally {
        await db.end();
      }
    },
    60_000 + SYNC_WAIT_MS,
  );
});
