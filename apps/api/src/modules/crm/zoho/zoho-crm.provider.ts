import type { CrmConnectionCheck, CrmLead, CrmProvider, NewCrmLead } from '../crm-provider.port';
import { CrmConnectionHealth } from '../crm-connection-health';
import { CrmError, crmErrors, isCrmError } from '../crm-errors';
import { CrmHttp, CrmHttpResponse, CrmOperation, retryAfterMs } from '../crm-http';
import { phoneVariants } from '../lead-parser';
import { dataCentreMismatch } from './zoho-data-centres';
import { ZohoAccessToken, ZohoCredentials, ZohoTokenCache } from './zoho-token-cache';

const API = '/crm/v8';
/** Zoho answers 429 without saying for how long; its limits are per minute and per day. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** The scopes Parley's calls need, for messages that say what to grant. */
export const ZOHO_SCOPES = 'ZohoCRM.modules.leads.ALL,ZohoSearch.securesearch.READ';

interface ZohoRecord {
  id?: string | number;
  First_Name?: string | null;
  Last_Name?: string | null;
  Email?: string | null;
  Phone?: string | null;
  Mobile?: string | null;
}

interface ZohoError {
  code?: string;
  message?: string;
  status?: string;
  details?: { api_name?: string; id?: string; duplicate_record?: { id?: string } };
}

export interface ZohoProviderOptions {
  credentials: ZohoCredentials;
  /** The tenant's default country, for the national form of numbers. */
  country: string | null;
}

/**
 * Zoho CRM v8 Leads through a tenant's refresh token: `Authorization: Zoho-oauthtoken`, access
 * tokens from the shared cache, one refresh and one retry on 401 INVALID_TOKEN.
 */
export class ZohoCrmProvider implements CrmProvider {
  readonly kind = 'zoho' as const;

  constructor(
    private readonly http: CrmHttp,
    private readonly tokens: ZohoTokenCache,
    private readonly health: CrmConnectionHealth,
    private readonly options: ZohoProviderOptions,
  ) {}

  private get credentials(): ZohoCredentials {
    return this.options.credentials;
  }

  /** Tries E.164, the international digits and the national number; Zoho matches text as stored. */
  async findLeadByPhone(phone: string): Promise<CrmLead | null> {
    const forms = phoneVariants(phone, this.options.country);
    const tried = new Set<string>();
    for (const value of [forms.e164, forms.digits, forms.nationalNumber]) {
      if (tried.has(value)) continue;
      tried.add(value);
      const response = await this.call('search', 'GET', '/Leads/search', { query: { phone: value } });
      if (response.status === 204) continue;
      if (response.status !== 200) throw this.failure('search', response);
      const records = ((response.body as { data?: ZohoRecord[] } | null)?.data ?? []).filter((r) =>
        holdsNumber(r, forms.nationalNumber),
      );
      if (records.length > 0) return toLead(records[0]);
    }
    return null;
  }

  async createLead(lead: NewCrmLead): Promise<{ id: string }> {
    // Last_Name is mandatory in Zoho: one given name goes there, so the record shows the real name.
    const record: Record<string, string> = {
      Last_Name: lead.lastName ?? lead.firstName,
      Phone: lead.phone,
    };
    if (lead.lastName) record.First_Name = lead.firstName;
    if (lead.email) record.Email = lead.email;
    if (lead.source) record.Lead_Source = lead.source;
    const response = await this.call('create', 'POST', '/Leads', { json: { data: [record] } });
    const item = (response.body as { data?: ZohoError[] } | null)?.data?.[0];
    if (item?.code === 'SUCCESS' && item.details?.id) return { id: String(item.details.id) };
    if (item?.code === 'DUPLICATE_DATA') {
      const id = item.details?.duplicate_record?.id ?? item.details?.id;
      if (id) return { id: String(id) };
    }
    throw this.failure('create', response);
  }

  async testConnection(): Promise<CrmConnectionCheck> {
    try {
      const token = await this.tokens.get(this.credentials);
      const mismatch = dataCentreMismatch(this.credentials.accountsUrl, token.apiDomain);
      if (mismatch) {
        return {
          verdict: 'wrong_data_centre',
          message: `Wrong data centre: ${mismatch}. Use one data centre for both.`,
        };
      }
      // A search that finds nothing proves the token, the API domain and the search scope.
      const response = await this.call('test', 'GET', '/Leads/search', { query: { phone: '0000000000' } });
      if (response.status !== 200 && response.status !== 204) throw this.failure('test', response);
      return {
        verdict: 'ok',
        message: `Connected to Zoho CRM at ${token.apiDomain} (accounts server ${this.credentials.accountsUrl}).`,
      };
    } catch (error) {
      if (!isCrmError(error)) throw error;
      return { verdict: error.verdict, message: error.message };
    }
  }

  private async call(
    operation: CrmOperation,
    method: 'GET' | 'POST',
    path: string,
    payload: { query?: Record<string, string>; json?: unknown },
  ): Promise<CrmHttpResponse> {
    let token = await this.tokens.get(this.credentials);
    let response = await this.send(token, operation, method, path, payload);
    if (response.status === 401 && errorOf(response).code === 'INVALID_TOKEN') {
      token = await this.tokens.renew(this.credentials, token.accessToken);
      response = await this.send(token, operation, method, path, payload);
      if (response.status === 401 && errorOf(response).code === 'INVALID_TOKEN') {
        throw await this.unhealthy(rejectedFreshToken(this.credentials, token));
      }
    }
    if (response.status === 401 || response.status === 403)
      throw await this.unhealthy(this.failure(operation, response));
    if (response.status < 300) await this.markHealthy();
    return response;
  }

  private send(
    token: ZohoAccessToken,
    operation: CrmOperation,
    method: 'GET' | 'POST',
    path: string,
    payload: { query?: Record<string, string>; json?: unknown },
  ): Promise<CrmHttpResponse> {
    return this.http.send({
      provider: 'zoho',
      operation,
      method,
      url: `${token.apiDomain}${API}${path}`,
      headers: { Authorization: `Zoho-oauthtoken ${token.accessToken}` },
      ...payload,
    });
  }

  private failure(operation: CrmOperation, response: CrmHttpResponse): CrmError {
    const error = errorOf(response);
    const code = error.code ?? `HTTP ${response.status}`;
    const what = operation === 'create' ? 'creating a lead' : 'searching leads';
    if (code === 'OAUTH_SCOPE_MISMATCH') {
      return crmErrors.auth(
        'zoho',
        'missing_scope',
        `Zoho refused ${what}: the connection lacks a permission (scope). Reconnect Zoho granting ${ZOHO_SCOPES}.`,
      );
    }
    if (code === 'NO_PERMISSION') {
      return crmErrors.auth(
        'zoho',
        'no_permission',
        `Zoho refused ${what}: the Zoho user who connected Parley may not work with Leads (NO_PERMISSION).`,
      );
    }
    if (response.status === 401) {
      return crmErrors.auth(
        'zoho',
        'bad_token',
        `Zoho did not accept the access token (${code}): reconnect Zoho.`,
      );
    }
    if (response.status === 403) {
      return crmErrors.auth('zoho', 'no_permission', `Zoho refused ${what} (${code}).`);
    }
    if (response.status === 429) {
      return crmErrors.rateLimited(
        'zoho',
        retryAfterMs(response.headers) ?? DEFAULT_RATE_LIMIT_WAIT_MS,
        `Zoho's API limit is reached (${code}): Parley waits and tries again.`,
      );
    }
    if (response.status >= 500) {
      return crmErrors.unavailable(
        'zoho',
        `Zoho CRM failed while ${what} (HTTP ${response.status}, ${code}).`,
      );
    }
    if (response.status === 404) {
      return crmErrors.unavailable(
        'zoho',
        `Zoho answered 404 (${code}) while ${what}: check the API domain of this tenant.`,
      );
    }
    const field = error.details?.api_name ? ` on ${error.details.api_name}` : '';
    return crmErrors.invalidData(
      'zoho',
      `Zoho refused the lead: ${code}${field}${error.message ? ` (${error.message})` : ''}.` +
        (error.details?.api_name === 'Lead_Source'
          ? ' Set a lead source that exists in your Zoho picklist.'
          : ''),
    );
  }

  private async unhealthy(error: CrmError): Promise<CrmError> {
    try {
      await this.health.unhealthy(this.credentials.tenantId, error.message);
    } catch {
      // Health is informational; the call's own error matters more.
    }
    return error;
  }

  private async markHealthy(): Promise<void> {
    try {
      await this.health.healthy(this.credentials.tenantId);
    } catch {
      // As above.
    }
  }
}

function errorOf(response: CrmHttpResponse): ZohoError {
  const body = response.body as (ZohoError & { data?: ZohoError[] }) | null;
  return body?.data?.[0] ?? body ?? {};
}

function rejectedFreshToken(credentials: ZohoCredentials, token: ZohoAccessToken): CrmError {
  const mismatch = dataCentreMismatch(credentials.accountsUrl, token.apiDomain);
  if (mismatch || !token.apiDomainFromToken) {
    return crmErrors.auth(
      'zoho',
      'wrong_data_centre',
      `Zoho at ${token.apiDomain} rejected a freshly issued access token: ` +
        (mismatch ?? 'the API domain probably belongs to another data centre than the accounts server') +
        '. Use the API domain of the data centre the Zoho account lives in.',
    );
  }
  return crmErrors.auth(
    'zoho',
    'bad_token',
    `Zoho rejected a freshly issued access token (INVALID_TOKEN): reconnect Zoho.`,
  );
}

/** Zoho's search matches loosely; keep records whose Phone or Mobile really is this number. */
function holdsNumber(record: ZohoRecord, nationalNumber: string): boolean {
  return [record.Phone, record.Mobile].some((value) => {
    const digits = String(value ?? '').replace(/\D/g, '');
    return digits.length >= nationalNumber.length && digits.endsWith(nationalNumber);
  });
}

function toLead(record: ZohoRecord): CrmLead {
  const first = record.First_Name?.trim() || null;
  const last = record.Last_Name?.trim() || null;
  return {
    id: String(record.id),
    // A lead saved with one name has it in Last_Name (Zoho requires it): that is their first name.
    firstName: first ?? last,
    lastName: first ? last : null,
    email: record.Email ?? null,
    phone: record.Phone ?? record.Mobile ?? null,
  };
}
