import type { CrmKind } from './tenants';
import type { Page } from './pagination';

/**
 * Where a lead stands with the tenant's CRM. Every lead is kept in Parley's own table first;
 * `pending` ones are retried with backoff until the CRM has them (`synced`) or retries run out
 * or the CRM refused the data (`failed`, retried only on request).
 */
export const LEAD_SYNC_STATES = ['pending', 'synced', 'failed'] as const;
export type LeadSyncState = (typeof LEAD_SYNC_STATES)[number];

export interface Lead {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  /** E.164, e.g. "+919876543210". */
  phone: string;
  source: string | null;
  /** The CRM the lead was (or is to be) written to. */
  crm: CrmKind;
  sync_state: LeadSyncState;
  /** The record's id in the CRM once synced (for `local`, the lead's own id). */
  crm_id: string | null;
  attempts: number;
  last_error: string | null;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  synced_at: string | null;
  created_at: string;
  updated_at: string;
}

export type LeadPage = Page<Lead>;

export interface LeadListQuery {
  page?: number;
  page_size?: number;
  state?: LeadSyncState;
}

/** A lead added by hand; `name` is split like a WhatsApp answer unless first/last are given. */
export interface CreateLeadRequest {
  name?: string;
  first_name?: string;
  last_name?: string;
  email?: string | null;
  phone: string;
  source?: string;
}

export const CRM_CONNECTION_STATUSES = ['unknown', 'healthy', 'unhealthy'] as const;
export type CrmConnectionStatus = (typeof CRM_CONNECTION_STATUSES)[number];

/** What a connection test found, in a word; `message` says it in plain words. */
export const CRM_VERDICTS = [
  'ok',
  'not_configured',
  'bad_token',
  'bad_client',
  'wrong_data_centre',
  'missing_scope',
  'no_permission',
  'rate_limited',
  'unreachable',
  'error',
] as const;
export type CrmVerdict = (typeof CRM_VERDICTS)[number];

export interface CrmTestResult {
  crm: CrmKind;
  ok: boolean;
  verdict: CrmVerdict;
  message: string;
  checked_at: string;
}

export interface CrmStatus {
  crm: CrmKind;
  /** Whether the credentials this CRM needs are present. */
  configured: boolean;
  status: CrmConnectionStatus;
  last_error: string | null;
  checked_at: string | null;
  /** Lead_Source written to Zoho (null: the platform default). */
  lead_source: string | null;
  leads: Record<LeadSyncState, number>;
}

export interface UpdateCrmSettingsRequest {
  lead_source?: string | null;
}

/**
 * Zoho's data centres: each has its own accounts server (OAuth) and API domain, and an account
 * lives in exactly one. Hosts only; both are served over https.
 */
export const ZOHO_DATA_CENTRES = [
  { code: 'US', name: 'United States', accounts: 'accounts.zoho.com', api: 'www.zohoapis.com' },
  { code: 'EU', name: 'Europe', accounts: 'accounts.zoho.eu', api: 'www.zohoapis.eu' },
  { code: 'IN', name: 'India', accounts: 'accounts.zoho.in', api: 'www.zohoapis.in' },
  { code: 'AU', name: 'Australia', accounts: 'accounts.zoho.com.au', api: 'www.zohoapis.com.au' },
  { code: 'JP', name: 'Japan', accounts: 'accounts.zoho.jp', api: 'www.zohoapis.jp' },
  { code: 'CN', name: 'China', accounts: 'accounts.zoho.com.cn', api: 'www.zohoapis.com.cn' },
  { code: 'CA', name: 'Canada', accounts: 'accounts.zohocloud.ca', api: 'www.zohoapis.ca' },
  { code: 'SA', name: 'Saudi Arabia', accounts: 'accounts.zoho.sa', api: 'www.zohoapis.sa' },
] as const;

export type ZohoDataCentre = (typeof ZOHO_DATA_CENTRES)[number];
export type ZohoDataCentreCode = ZohoDataCentre['code'];
