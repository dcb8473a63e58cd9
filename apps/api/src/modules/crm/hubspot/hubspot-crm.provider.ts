import type { CrmConnectionCheck, CrmLead, CrmProvider, NewCrmLead } from '../crm-provider.port';
import { CrmConnectionHealth } from '../crm-connection-health';
import { CrmError, crmErrors, isCrmError } from '../crm-errors';
import { CrmHttp, CrmHttpResponse, CrmOperation, retryAfterMs } from '../crm-http';
import { phoneVariants } from '../lead-parser';

/** How HubSpot's limits are waited out (HubSpot's own Node SDK waits the same). */
const WAIT_MS = { secondly: 1_000, tenSecondly: 10_000, daily: 60 * 60_000 } as const;
const SECONDLY_MESSAGE = 'You have reached your secondly limit.';
const MAX_ATTEMPTS = 4;
export const HUBSPOT_SCOPES = 'crm.objects.contacts.read, crm.objects.contacts.write';
const PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'mobilephone'];

interface HubSpotError {
  status?: string;
  message?: string;
  category?: string;
  errorType?: string;
  policyName?: string;
}

interface HubSpotObject {
  id: string;
  properties?: Record<string, string | null>;
}

export interface HubSpotProviderOptions {
  tenantId: string;
  baseUrl: string;
  token: string;
  country: string | null;
  /** The longest one call waits out rate limits; longer waits go back to the caller (the outbox). */
  maxWaitMs: number;
}

/**
 * HubSpot CRM v3 contacts through a private app token (`Authorization: Bearer`). Rate limits are
 * waited out as HubSpot asks (search's per-second limit, the ten-second window), up to a budget.
 */
export class HubSpotCrmProvider implements CrmProvider {
  readonly kind = 'hubspot' as const;

  constructor(
    private readonly http: CrmHttp,
    private readonly health: CrmConnectionHealth,
    private readonly options: HubSpotProviderOptions,
  ) {}

  /** phone and mobilephone, each in E.164 and in the tenant country's national format (groups are OR-ed). */
  async findLeadByPhone(phone: string): Promise<CrmLead | null> {
    const forms = phoneVariants(phone, this.options.country);
    const values = [...new Set([forms.e164, forms.national].filter((v): v is string => !!v))];
    const filterGroups = ['phone', 'mobilephone'].flatMap((propertyName) =>
      values.map((value) => ({ filters: [{ propertyName, operator: 'EQ', value }] })),
    );
    const response = await this.call('search', '/crm/v3/objects/contacts/search', {
      filterGroups,
      properties: PROPERTIES,
      sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
      limit: 10,
    });
    if (response.status !== 200) throw this.failure('search', response);
    const body = response.body as { total?: number; results?: HubSpotObject[] } | null;
    if (!body?.total || !body.results?.length) return null;
    return toLead(body.results[0]);
  }

  async createLead(lead: NewCrmLead): Promise<{ id: string }> {
    const properties: Record<string, string> = { firstname: lead.firstName, phone: lead.phone };
    if (lead.lastName) properties.lastname = lead.lastName;
    if (lead.email) properties.email = lead.email;
    const response = await this.call('create', '/crm/v3/objects/contacts', { properties });
    if (response.status === 201 || response.status === 200) {
      const id = (response.body as HubSpotObject | null)?.id;
      if (id) return { id: String(id) };
    }
    if (response.status === 409) {
      // Contacts are unique by email; the existing id is only in the message.
      const existing = /Existing ID: ?(\d+)/.exec(errorOf(response).message ?? '')?.[1];
      if (existing) return { id: existing };
    }
    throw this.failure('create', response);
  }

  async testConnection(): Promise<CrmConnectionCheck> {
    try {
      const response = await this.call('test', '/crm/v3/objects/contacts/search', {
        filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'EQ', value: '+10000000000' }] }],
        properties: ['phone'],
        limit: 1,
      });
      if (response.status !== 200) throw this.failure('test', response);
      return { verdict: 'ok', message: `Connected to HubSpot at ${this.options.baseUrl}.` };
    } catch (error) {
      if (!isCrmError(error)) throw error;
      return { verdict: error.verdict, message: error.message };
    }
  }

  private async call(operation: CrmOperation, path: string, json: unknown): Promise<CrmHttpResponse> {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const response = await this.http.send({
        provider: 'hubspot',
        operation,
        method: 'POST',
        url: `${this.options.baseUrl}${path}`,
        headers: { Authorization: `Bearer ${this.options.token}` },
        json,
      });
      if (response.status === 401 || response.status === 403) {
        const error = this.failure(operation, response);
        await this.mark(() => this.health.unhealthy(this.options.tenantId, error.message));
        throw error;
      }
      if (response.status !== 429) {
        if (response.status < 300) await this.mark(() => this.health.healthy(this.options.tenantId));
        return response;
      }
      const limit = rateLimitOf(response, attempt);
      if (
        limit.policy === 'daily' ||
        attempt >= MAX_ATTEMPTS ||
        waited + limit.waitMs > this.options.maxWaitMs
      ) {
        throw crmErrors.rateLimited('hubspot', limit.waitMs, limit.message);
      }
      waited += limit.waitMs;
      await new Promise((resolve) => setTimeout(resolve, limit.waitMs));
    }
  }

  private failure(operation: CrmOperation, response: CrmHttpResponse): CrmError {
    const error = errorOf(response);
    const what = operation === 'create' ? 'creating a contact' : 'searching contacts';
    const detail = error.message ? `: ${error.message}` : '';
    if (response.status === 401) {
      return crmErrors.auth(
        'hubspot',
        'bad_token',
        `HubSpot did not accept the private app token (401): it was deleted, rotated or mistyped. Paste a current token.`,
      );
    }
    if (response.status === 403 && error.category === 'MISSING_SCOPES') {
      return crmErrors.auth(
        'hubspot',
        'missing_scope',
        `HubSpot refused ${what}: the private app lacks a scope. Give it ${HUBSPOT_SCOPES}.`,
      );
    }
    if (response.status === 403) {
      return crmErrors.auth('hubspot', 'no_permission', `HubSpot refused ${what} (403${detail}).`);
    }
    if (response.status >= 500) {
      return crmErrors.unavailable('hubspot', `HubSpot failed while ${what} (HTTP ${response.status}).`);
    }
    if (response.status === 404) {
      return crmErrors.unavailable(
        'hubspot',
        `HubSpot answered 404 while ${what}: check HUBSPOT_API_BASE_URL.`,
      );
    }
    return crmErrors.invalidData(
      'hubspot',
      `HubSpot refused the contact (${error.category ?? `HTTP ${response.status}`}${detail}).`,
    );
  }

  private async mark(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch {
      // Health is informational; the call's own outcome matters more.
    }
  }
}

function errorOf(response: CrmHttpResponse): HubSpotError {
  return (response.body as HubSpotError | null) ?? {};
}

/** Which of HubSpot's limits a 429 is about, and how long to wait before the next try. */
function rateLimitOf(
  response: CrmHttpResponse,
  attempt: number,
): { policy: 'secondly' | 'ten_secondly' | 'daily' | 'other'; waitMs: number; message: string } {
  const error = errorOf(response);
  const told = retryAfterMs(response.headers);
  if (error.policyName === 'DAILY') {
    return {
      policy: 'daily',
      waitMs: told ?? WAIT_MS.daily,
      message:
        "HubSpot's daily API limit is reached: Parley tries again later (it resets at midnight in the account's time zone).",
    };
  }
  if (error.message === SECONDLY_MESSAGE || error.policyName === 'SECONDLY') {
    return {
      policy: 'secondly',
      waitMs: told ?? WAIT_MS.secondly * attempt,
      message: "HubSpot's search limit per second is reached: Parley waits and tries again.",
    };
  }
  return {
    policy: error.policyName === 'TEN_SECONDLY_ROLLING' ? 'ten_secondly' : 'other',
    waitMs: told ?? WAIT_MS.tenSecondly,
    message: "HubSpot's limit per ten seconds is reached: Parley waits and tries again.",
  };
}

function toLead(object: HubSpotObject): CrmLead {
  const p = object.properties ?? {};
  return {
    id: String(object.id),
    firstName: p.firstname || null,
    lastName: p.lastname || null,
    email: p.email || null,
    phone: p.phone || p.mobilephone || null,
  };
}
