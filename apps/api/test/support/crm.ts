import type { HubSpotFake, ZohoConnection, ZohoFake } from '@parley/fakes';
import { createTenant, TestTenant } from './fixtures';
import { TestApp } from './test-app';
import { waitFor } from './wait';

/** Points Parley's CRM settings at the fakes, with retries fast enough for tests. */
export function crmEnv(
  fakes: { zoho?: ZohoFake; hubspot?: HubSpotFake },
  extra: Record<string, string> = {},
) {
  return {
    ...(fakes.zoho ? { ZOHO_ACCOUNTS_URL: fakes.zoho.accountsUrl('us') } : {}),
    ...(fakes.hubspot ? { HUBSPOT_API_BASE_URL: fakes.hubspot.url } : {}),
    CRM_TIMEOUT: '3',
    CRM_RATE_LIMIT_MAX_WAIT: '3',
    CRM_SYNC_RETRY_BASE: '1',
    CRM_SYNC_RETRY_MAX: '2',
    ...extra,
  };
}

/** A tenant on Zoho CRM with this connection's credentials (as a tenant admin would enter them). */
export function zohoTenant(
  t: TestApp,
  connection: ZohoConnection,
  overrides: { zoho?: Record<string, unknown>; default_country?: string } = {},
): Promise<TestTenant> {
  return createTenant(t, {
    crm: 'zoho',
    default_country: overrides.default_country ?? 'IN',
    zoho: {
      client_id: connection.clientId,
      client_secret: connection.clientSecret,
      refresh_token: connection.refreshToken,
      accounts_url: connection.accountsUrl,
      ...overrides.zoho,
    },
  });
}

export function hubspotTenant(t: TestApp, token: string, country = 'IN'): Promise<TestTenant> {
  return createTenant(t, { crm: 'hubspot', default_country: country, hubspot: { api_key: token } });
}

export interface LeadRow {
  id: string;
  tenant_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string;
  source: string | null;
  crm_kind: string;
  sync_state: 'pending' | 'synced' | 'failed';
  crm_id: string | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
}

export async function leadRow(t: TestApp, id: string): Promise<LeadRow> {
  const rows: LeadRow[] = await t.dataSource.query(`SELECT * FROM leads WHERE id = $1`, [id]);
  return rows[0];
}

export async function waitForLead(
  t: TestApp,
  id: string,
  condition: (row: LeadRow) => boolean,
  timeoutMs = 20_000,
): Promise<LeadRow> {
  let row: LeadRow | undefined;
  await waitFor(async () => {
    row = await leadRow(t, id);
    return !!row && condition(row);
  }, timeoutMs);
  return row!;
}

export async function connectionRow(
  t: TestApp,
  tenantId: string,
): Promise<{
  status: string;
  last_error: string | null;
  checked_at: Date | null;
  lead_source: string | null;
}> {
  const rows = await t.dataSource.query(
    `SELECT status, last_error, checked_at, lead_source FROM crm_connections WHERE tenant_id = $1`,
    [tenantId],
  );
  return rows[0];
}

/** Distinct valid Indian mobile numbers, as WhatsApp ids (no plus). */
let serial = Math.floor(Math.random() * 1_000_000);
export function indianWaId(): string {
  serial = (serial + 7919) % 10_000_000;
  return `9198${String(serial).padStart(8, '0')}`;
}
