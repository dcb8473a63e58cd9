import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_DIST,
  apiRequire,
  assertBuilt,
  createDatabase,
  dropDatabase,
  measureRate,
  printTable,
  round,
  writeResult,
} from '../lib';

/**
 * ConfigLoader lookups per second, by tenant id and by phone_number_id, cached (the steady state
 * of every webhook) and uncached (the first message after a change or a restart), on PostgreSQL
 * with TENANTS tenants that each have an active WhatsApp config with an encrypted token.
 * Baseline: `SELECT 1` through the same pool, i.e. one database round trip.
 */
const TENANTS = Number(process.env.BENCH_CONFIG_TENANTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

interface Loaded {
  profile: { id: string };
}
interface Loader {
  forTenant(id: string): Promise<Loaded | null>;
  forPhoneNumberId(id: string): Promise<Loaded | null>;
  loadUncached(id: string): Promise<Loaded | null>;
}

async function main(): Promise<void> {
  assertBuilt();
  const databaseUrl = await createDatabase('config');
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-config-'));
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadConfig } = require(join(API_DIST, 'config/config.js'));
  const { createHeadlessApp } = require(join(API_DIST, 'app.factory.js'));
  const { ConfigLoader } = require(join(API_DIST, 'modules/tenant-config/config-loader.service.js'));
  const { SecretBox } = require(join(API_DIST, 'common/crypto/secret-box.js'));
  const { RESYNC } = require(join(API_DIST, 'database/notification-hub.js'));
  const { DataSource } = apiRequire('typeorm');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  });
  const app = await createHeadlessApp(config, 'cli');
  try {
    const loader = app.get(ConfigLoader) as Loader;
    const box = app.get(SecretBox) as { seal(v: string): string };
    const db = app.get(DataSource) as { query(text: string, values?: unknown[]): Promise<unknown[]> };

    const seeding = performance.now();
    const ids = Array.from({ length: TENANTS }, (_, i) => `bench_${String(i).padStart(5, '0')}`);
    const phones = ids.map((_, i) => String(9_100_000_000 + i));
    await db.query(
      `INSERT INTO tenants (id, name, crm_kind, default_country) SELECT unnest($1::text[]), 'Bench ' || unnest($1::text[]), 'hubspot', 'IN'`,
      [ids],
    );
    await db.query(
      `INSERT INTO crm_connections (tenant_id, hubspot_api_key_enc) SELECT unnest($1::text[]), unnest($2::text[])`,
      [ids, ids.map(() => box.seal(`pat-na1-${randomBytes(16).toString('hex')}`))],
    );
    await db.query(
      `INSERT INTO tenant_configs (tenant_id, phone_number_id, access_token_enc, fb_app_secret_enc, onboarding_completed)
       SELECT unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), true`,
      [
        ids,
        phones,
        ids.map(() => box.seal(`EAAG${randomBytes(60).toString('hex')}`)),
        ids.map(() => box.seal(randomBytes(16).toString('hex'))),
      ],
    );
    await db.query(
      `INSERT INTO phone_numbers (tenant_id, config_id, phone_number_id, is_primary)
       SELECT tenant_id, id, phone_number_id, true FROM tenant_configs`,
    );
    const seedMs = round(performance.now() - seeding, 0);

    const pick = (i: number) => (i * 7919) % TENANTS;
    const check = (loaded: Loaded | null, i: number) => {
      if (loaded?.profile.id !== ids[pick(i)]) throw new Error(`lookup ${i} returned the wrong tenant`);
    };
    const dropAll = () => (loader as unknown as { drop(id: string): void }).drop(RESYNC);

    const baseline = await measureRate(() => db.query('SELECT 1'), { seconds: SECONDS });
    const uncachedTenant = await measureRate(async (i) => check(await loader.loadUncached(ids[pick(i)]), i), {
      seconds: SECONDS,
    });
    const uncachedTenant8 = await measureRate(
      async (i) => check(await loader.loadUncached(ids[pick(i)]), i),
      {
        seconds: SECONDS,
        concurrency: 8,
      },
    );
    // Every lookup after dropping the whole cache: phone -> tenant query, then the full load.
    const uncachedPhone = await measureRate(
      async (i) => {
        dropAll();
        check(await loader.forPhoneNumberId(phones[pick(i)]), i);
      },
      { seconds: SECONDS },
    );
    dropAll();
    for (let i = 0; i < TENANTS; i++) await loader.forPhoneNumberId(phones[i]);
    const cachedTenant = await measureRate(async (i) => check(await loader.forTenant(ids[pick(i)]), i), {
      seconds: SECONDS,
      warmupOps: 1000,
    });
    const cachedPhone = await measureRate(
      async (i) => check(await loader.forPhoneNumberId(phones[pick(i)]), i),
      {
        seconds: SECONDS,
        warmupOps: 1000,
      },
    );

    const rows = {
      baseline_select_1: baseline,
      uncached_by_tenant: uncachedTenant,
      uncached_by_tenant_8_concurrent: uncachedTenant8,
      uncached_by_phone_number_id: uncachedPhone,
      cached_by_tenant: cachedTenant,
      cached_by_phone_number_id: cachedPhone,
    };
    printTable(
      `ConfigLoader, ${TENANTS} tenants, PostgreSQL (seeded in ${seedMs} ms)`,
      Object.entries(rows).map(([name, r]) => ({
        lookup: name,
        'per second': r.per_second,
        'p50 ms': r.p50_ms,
        'p99 ms': r.p99_ms,
        'SELECT 1s per lookup': round(baseline.per_second / r.per_second, 2),
      })),
    );
    writeResult('config', {
      tenants: TENANTS,
      database: 'postgresql',
      seconds_per_measure: SECONDS,
      seed_ms: seedMs,
      ...rows,
      // How many bare database round trips one lookup costs (baseline throughput / lookup throughput).
      select_1_round_trips_per_lookup: Object.fromEntries(
        Object.entries(rows).map(([k, r]) => [k, round(baseline.per_second / r.per_second, 3)]),
      ),
      cached_speedup_by_tenant: round(cachedTenant.per_second / uncachedTenant.per_second, 0),
    });
  } finally {
    await app.close();
    await dropDatabase(databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`config benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
