import { randomBytes } from 'node:crypto';
import { FakeRequest, FakeResponse, FakeServer } from '../harness/fake-server';

/**
 * Zoho Accounts (OAuth) and Zoho CRM v8 Leads, for every data centre at once: data centre `eu`
 * has its accounts server at `{url}/eu/accounts` and its API domain at `{url}/eu/api`. An
 * account lives in one data centre; its refresh and access tokens work only there, as at Zoho.
 *
 * Formats follow Zoho's documentation and its OpenAPI examples (zoho/crm-oas v8): the token
 * endpoint answers HTTP 200 with an `error` field for bad codes and clients, and 400
 * "Access Denied" when asked for too many tokens; a search miss is 204 with an empty body; a
 * bad access token is 401 INVALID_TOKEN; a duplicate is DUPLICATE_DATA with the existing record.
 */

export const ZOHO_DATA_CENTRES = ['us', 'eu', 'in', 'au', 'jp', 'cn', 'ca', 'sa'] as const;
export type ZohoDc = (typeof ZOHO_DATA_CENTRES)[number];

/** The scopes Parley asks for: leads, and search (which needs its own scope). */
export const ZOHO_DEFAULT_SCOPES = ['ZohoCRM.modules.leads.ALL', 'ZohoSearch.securesearch.READ'];

export interface ZohoFakeOptions {
  /** Access token lifetime (Zoho: 3600). */
  accessTokenTtlSeconds?: number;
  /** Zoho blocks a refresh token after this many access tokens in ten minutes (Zoho: 10). */
  tokensPerTenMinutes?: number;
  /** Whether token responses carry `api_domain` (Zoho's do). */
  includeApiDomain?: boolean;
  /** New records stay out of search results this long (Zoho indexes with a delay). */
  searchIndexDelayMs?: number;
}

export interface ZohoLeadRecord {
  id: string;
  First_Name: string | null;
  Last_Name: string;
  Full_Name: string;
  Email: string | null;
  Phone: string | null;
  Mobile: string | null;
  Lead_Source: string | null;
  Owner: { name: string; id: string; email: string };
  Created_Time: string;
  Modified_Time: string;
}

export interface ZohoConnection {
  dc: ZohoDc;
  org: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accountsUrl: string;
  apiDomain: string;
}

interface Client {
  secret: string;
  dc: ZohoDc;
  /** Multi-DC enabled in the API console: usable from every data centre's accounts server. */
  multiDc: boolean;
}

interface Grant {
  clientId: string;
  dc: ZohoDc;
  org: string;
  scopes: string[];
}

interface AccessToken extends Grant {
  expiresAt: number;
}

const OWNER = { name: 'Patricia Boyle', id: '5725767000000411001', email: 'patricia@example.com' };
const LIMITS = { First_Name: 40, Last_Name: 80, Email: 100, Phone: 30, Mobile: 30, Lead_Source: 120 };

export class ZohoFake extends FakeServer {
  readonly options: Required<ZohoFakeOptions>;
  private readonly clients = new Map<string, Client>();
  private readonly refreshTokens = new Map<string, Grant & { issued: number[] }>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly codes = new Map<string, Grant & { redirectUri: string; expiresAt: number }>();
  private readonly leads = new Map<string, ZohoLeadRecord[]>();
  private readonly createdAt = new Map<string, number>();
  private restrictedLeadSources: string[] | null = null;
  /**
   * Who answers the next consent pages: the data centre their account lives in (Zoho redirects
   * with that DC's `location` and `accounts-server`), or a user who clicks "Deny".
   */
  consent: { dc?: ZohoDc; deny?: boolean; org?: string } = {};
  private lostCreateAnswers = 0;
  private nextId = 5725767000000524157n;

  constructor(options: ZohoFakeOptions = {}) {
    super('zoho');
    this.options = {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      tokensPerTenMinutes: options.tokensPerTenMinutes ?? 10,
      includeApiDomain: options.includeApiDomain ?? true,
      searchIndexDelayMs: options.searchIndexDelayMs ?? 0,
    };
    this.route('GET', '/:dc/accounts/oauth/v2/auth', (req) => this.consentPage(req));
    this.route('POST', '/:dc/accounts/oauth/v2/token', (req) => this.token(req));
    this.route('GET', '/:dc/api/crm/v8/Leads/search', (req) => this.search(req));
    this.route('POST', '/:dc/api/crm/v8/Leads', (req) => this.create(req));
  }

  /** A fake with one ready-made US connection, for `pnpm fakes` demos. */
  static withDemoConnection(): ZohoFake {
    const fake = new ZohoFake();
    fake.clients.set('1000.DEMOCLIENT', { secret: 'demo-client-secret', dc: 'us', multiDc: true });
    fake.refreshTokens.set('1000.demo.refresh-token', {
      clientId: '1000.DEMOCLIENT',
      dc: 'us',
      org: 'demo',
      scopes: ZOHO_DEFAULT_SCOPES,
      issued: [],
    });
    return fake;
  }

  accountsUrl(dc: ZohoDc = 'us'): string {
    return `${this.url}/${dc}/accounts`;
  }

  apiDomain(dc: ZohoDc = 'us'): string {
    return `${this.url}/${dc}/api`;
  }

  /** Registers a client in a data centre (multi-DC enabled unless told otherwise). */
  createClient(dc: ZohoDc = 'us', multiDc = true): { clientId: string; clientSecret: string } {
    const clientId = `1000.${randomBytes(15).toString('hex').toUpperCase().slice(0, 30)}`;
    const clientSecret = randomBytes(21).toString('hex');
    this.clients.set(clientId, { secret: clientSecret, dc, multiDc });
    return { clientId, clientSecret };
  }

  /** A Zoho account in `dc` that has authorised a client: what a tenant stores. */
  connect(
    options: {
      dc?: ZohoDc;
      scopes?: string[];
      org?: string;
      client?: { clientId: string; clientSecret: string };
    } = {},
  ): ZohoConnection {
    const dc = options.dc ?? 'us';
    const client = options.client ?? this.createClient(dc);
    const org = options.org ?? `org${randomBytes(4).toString('hex')}`;
    const refreshToken = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.refreshTokens.set(refreshToken, {
      clientId: client.clientId,
      dc,
      org,
      scopes: options.scopes ?? ZOHO_DEFAULT_SCOPES,
      issued: [],
    });
    return {
      dc,
      org,
      ...client,
      refreshToken,
      accountsUrl: this.accountsUrl(dc),
      apiDomain: this.apiDomain(dc),
    };
  }

  /** What Zoho's consent screen does: a grant code for the redirect URI, valid for two minutes. */
  authorize(options: {
    clientId: string;
    redirectUri: string;
    dc?: ZohoDc;
    scopes?: string[];
    org?: string;
  }): string {
    const code = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.codes.set(code, {
      clientId: options.clientId,
      dc: options.dc ?? this.clients.get(options.clientId)?.dc ?? 'us',
      org: options.org ?? `org${randomBytes(4).toString('hex')}`,
      scopes: options.scopes ?? ZOHO_DEFAULT_SCOPES,
      redirectUri: options.redirectUri,
      expiresAt: Date.now() + 120_000,
    });
    return code;
  }

  revoke(refreshToken: string): void {
    this.refreshTokens.delete(refreshToken);
  }

  /** Every access token issued so far stops working (as after an hour). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  leadsOf(org: string): ZohoLeadRecord[] {
    return this.leads.get(org) ?? [];
  }

  /** A lead already in the CRM (indexed for search at once). */
  addLead(org: string, fields: Partial<Omit<ZohoLeadRecord, 'id'>> & { Last_Name: string }): ZohoLeadRecord {
    const record = this.record(fields);
    this.leads.set(org, [...this.leadsOf(org), record]);
    return record;
  }

  /** Lead_Source as a restricted picklist: other values are refused with INVALID_DATA. Null: anything goes. */
  restrictLeadSources(values: string[] | null): void {
    this.restrictedLeadSources = values;
  }

  /** The next `count` creates store the lead but answer 500, as when the answer is lost on the way. */
  loseCreateAnswers(count: number): void {
    this.lostCreateAnswers = count;
  }

  /**
   * `GET {accounts}/oauth/v2/auth`: Zoho's sign-in and consent page. The fake consents at once
   * and redirects to `redirect_uri` with `code`, `location`, `accounts-server` and the `state`.
   */
  private consentPage(req: FakeRequest): FakeResponse {
    const dc = req.params.dc as ZohoDc;
    const q = req.query;
    const client = this.clients.get(q.client_id ?? '');
    const html = (text: string): FakeResponse => ({
      status: 400,
      raw: `<html><body><h1>${text}</h1></body></html>`,
      headers: { 'content-type': 'text/html;charset=UTF-8' },
    });
    if (!client || !(client.dc === dc || client.multiDc)) return html('Invalid Client');
    if (q.response_type !== 'code' || !q.redirect_uri || !q.scope) return html('Invalid Request');
    const target = new URL(q.redirect_uri);
    if (this.consent.deny) {
      target.searchParams.set('error', 'access_denied');
    } else {
      const accountDc = this.consent.dc ?? dc;
      const code = this.authorize({
        clientId: q.client_id,
        redirectUri: q.redirect_uri,
        dc: accountDc,
        scopes: q.scope.split(','),
        org: this.consent.org,
      });
      target.searchParams.set('code', code);
      target.searchParams.set('location', accountDc);
      target.searchParams.set('accounts-server', this.accountsUrl(accountDc));
    }
    if (q.state) target.searchParams.set('state', q.state);
    return { status: 302, headers: { location: target.toString() } };
  }

  private params(req: FakeRequest): Record<string, string> {
    const body = typeof req.body === 'object' && req.body ? (req.body as Record<string, string>) : {};
    return { ...req.query, ...body };
  }

  private token(req: FakeRequest): FakeResponse {
    const dc = req.params.dc as ZohoDc;
    const p = this.params(req);
    const client = this.clients.get(p.client_id ?? '');
    const clientUsable = client && (client.dc === dc || client.multiDc);
    if (p.grant_type !== 'refresh_token' && p.grant_type !== 'authorization_code') {
      return ok200({ error: 'unsupported_grant_type' });
    }
    if (!client || !clientUsable) return ok200({ error: 'invalid_client' });
    if (client.secret !== p.client_secret) return ok200({ error: 'invalid_client_secret' });

    if (p.grant_type === 'authorization_code') {
      const code = this.codes.get(p.code ?? '');
      this.codes.delete(p.code ?? '');
      if (!code || code.clientId !== p.client_id || code.dc !== dc || code.expiresAt < Date.now()) {
        return ok200({ error: 'invalid_code' });
      }
      if (code.redirectUri !== p.redirect_uri) return ok200({ error: 'invalid_redirect_uri' });
      const refreshToken = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
      this.refreshTokens.set(refreshToken, { ...code, issued: [] });
      return ok200({ ...this.issue(code, dc), refresh_token: refreshToken });
    }

    const grant = this.refreshTokens.get(p.refresh_token ?? '');
    if (!grant || grant.clientId !== p.client_id || grant.dc !== dc) return ok200({ error: 'invalid_code' });
    const now = Date.now();
    grant.issued = grant.issued.filter((at) => at > now - 600_000);
    if (grant.issued.length >= this.options.tokensPerTenMinutes) {
      return {
        status: 400,
        body: {
          error_description:
            'You have made too many requests continuously. Please try again after some time.',
          error: 'Access Denied',
          status: 'failure',
        },
      };
    }
    grant.issued.push(now);
    return ok200(this.issue(grant, dc));
  }

  private issue(grant: Grant, dc: ZohoDc): Record<string, unknown> {
    const accessToken = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.accessTokens.set(accessToken, {
      ...grant,
      expiresAt: Date.now() + this.options.accessTokenTtlSeconds * 1000,
    });
    return {
      access_token: accessToken,
      scope: grant.scopes.join(' '),
      ...(this.options.includeApiDomain ? { api_domain: this.apiDomain(dc) } : {}),
      token_type: 'Bearer',
      expires_in: this.options.accessTokenTtlSeconds,
    };
  }

  /** The caller's access token, or the 401 Zoho gives (INVALID_TOKEN / OAUTH_SCOPE_MISMATCH). */
  private authorise(req: FakeRequest, needs: string[][]): AccessToken | FakeResponse {
    const header = req.headers.authorization ?? '';
    const match = /^Zoho-oauthtoken (.+)$/.exec(header);
    const token = match ? this.accessTokens.get(match[1]) : undefined;
    if (!token || token.expiresAt <= Date.now() || token.dc !== req.params.dc) {
      return {
        status: 401,
        body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' },
      };
    }
    // Each inner list is "any of these"; every list must be satisfied.
    if (!needs.every((anyOf) => anyOf.some((scope) => grants(token.scopes, scope)))) {
      return {
        status: 401,
        body: { code: 'OAUTH_SCOPE_MISMATCH', message: 'Unauthorized', status: 'error', details: {} },
      };
    }
    return token;
  }

  private search(req: FakeRequest): FakeResponse {
    const token = this.authorise(req, [['ZohoCRM.modules.leads.READ'], ['ZohoSearch.securesearch.READ']]);
    if ('status' in token) return token;
    const { phone, email } = req.query;
    if (!phone && !email && !req.query.criteria && !req.query.word) {
      return {
        status: 400,
        body: {
          code: 'REQUIRED_PARAM_MISSING',
          details: { param: 'criteria' },
          message: 'One of the expected parameter is missing',
          status: 'error',
        },
      };
    }
    const visibleBefore = Date.now() - this.options.searchIndexDelayMs;
    const found = this.leadsOf(token.org).filter((lead) => {
      if ((this.createdAt.get(lead.id) ?? 0) > visibleBefore) return false;
      // Precedence as documented: email before phone.
      if (email) return lead.Email?.toLowerCase() === email.toLowerCase();
      // Zoho compares the number as stored; the fake ignores only spacing and punctuation.
      return [lead.Phone, lead.Mobile].some((stored) => stored && compact(stored) === compact(phone));
    });
    if (found.length === 0) return { status: 204 };
    return {
      status: 200,
      body: { data: found, info: { per_page: 200, count: found.length, page: 1, more_records: false } },
    };
  }

  private create(req: FakeRequest): FakeResponse {
    const token = this.authorise(req, [['ZohoCRM.modules.leads.CREATE']]);
    if ('status' in token) return token;
    const data = (req.body as { data?: Record<string, unknown>[] } | null)?.data;
    if (!Array.isArray(data) || data.length === 0) {
      return {
        status: 400,
        body: {
          code: 'REQUIRED_PARAM_MISSING',
          details: { param: 'data' },
          message: 'One of the expected parameter is missing',
          status: 'error',
        },
      };
    }
    const results = data.map((fields, index) => this.insert(token.org, fields, index));
    if (this.lostCreateAnswers > 0 && results.some((r) => r.code === 'SUCCESS')) {
      this.lostCreateAnswers -= 1;
      return {
        status: 500,
        body: { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' },
      };
    }
    const succeeded = results.filter((r) => r.code === 'SUCCESS').length;
    const status = succeeded === results.length ? 201 : succeeded === 0 && results.length === 1 ? 400 : 207;
    return { status, body: { data: results } };
  }

  private insert(
    org: string,
    fields: Record<string, unknown>,
    index: number,
  ): Record<string, unknown> & { code: string } {
    const path = (field: string) => `$.data[${index}].${field}`;
    const lastName = typeof fields.Last_Name === 'string' ? fields.Last_Name.trim() : '';
    if (!lastName) {
      return {
        code: 'MANDATORY_NOT_FOUND',
        details: { api_name: 'Last_Name', json_path: path('Last_Name') },
        message: 'required field not found',
        status: 'error',
      };
    }
    for (const [field, max] of Object.entries(LIMITS)) {
      const value = fields[field];
      if (typeof value === 'string' && value.length > max) {
        return {
          code: 'INVALID_DATA',
          details: { maximum_length: max, api_name: field, json_path: path(field) },
          message: 'invalid data',
          status: 'error',
        };
      }
    }
    const source = typeof fields.Lead_Source === 'string' ? fields.Lead_Source : null;
    if (source && this.restrictedLeadSources && !this.restrictedLeadSources.includes(source)) {
      return {
        code: 'INVALID_DATA',
        details: { api_name: 'Lead_Source', json_path: path('Lead_Source') },
        message: 'invalid data',
        status: 'error',
      };
    }
    const email = typeof fields.Email === 'string' ? fields.Email : null;
    const duplicate = email && this.leadsOf(org).find((l) => l.Email?.toLowerCase() === email.toLowerCase());
    if (duplicate) {
      return {
        code: 'DUPLICATE_DATA',
        details: {
          api_name: 'Email',
          duplicate_record: { Owner: { name: OWNER.name, id: OWNER.id, zuid: '75092197' }, id: duplicate.id },
          json_path: path('Email'),
          id: duplicate.id,
          more_records: false,
        },
        message: 'duplicate data',
        status: 'error',
      };
    }
    const record = this.record({
      First_Name: typeof fields.First_Name === 'string' ? fields.First_Name : null,
      Last_Name: lastName,
      Email: email,
      Phone: typeof fields.Phone === 'string' ? fields.Phone : null,
      Mobile: typeof fields.Mobile === 'string' ? fields.Mobile : null,
      Lead_Source: source,
    });
    this.createdAt.set(record.id, Date.now());
    this.leads.set(org, [...this.leadsOf(org), record]);
    return {
      code: 'SUCCESS',
      details: {
        Modified_Time: record.Modified_Time,
        Modified_By: { name: OWNER.name, id: OWNER.id },
        Created_Time: record.Created_Time,
        id: record.id,
        Created_By: { name: OWNER.name, id: OWNER.id },
        $approval_state: 'approved',
      },
      message: 'record added',
      status: 'success',
    };
  }

  private record(fields: Partial<Omit<ZohoLeadRecord, 'id'>> & { Last_Name: string }): ZohoLeadRecord {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
    this.nextId += 1n;
    const first = fields.First_Name ?? null;
    return {
      id: String(this.nextId),
      First_Name: first,
      Last_Name: fields.Last_Name,
      Full_Name: first ? `${first} ${fields.Last_Name}` : fields.Last_Name,
      Email: fields.Email ?? null,
      Phone: fields.Phone ?? null,
      Mobile: fields.Mobile ?? null,
      Lead_Source: fields.Lead_Source ?? null,
      Owner: OWNER,
      Created_Time: fields.Created_Time ?? now,
      Modified_Time: fields.Modified_Time ?? now,
    };
  }
}

function ok200(body: Record<string, unknown>): FakeResponse {
  return { status: 200, body };
}

function compact(value: string): string {
  return value.replace(/[\s\-().]/g, '');
}

/** Whether granted scopes cover `needed`: `ZohoCRM.modules.ALL` ⊇ `ZohoCRM.modules.leads.ALL` ⊇ `ZohoCRM.modules.leads.READ`. */
function grants(granted: string[], needed: string): boolean {
  const [service, ...rest] = needed.split('.');
  const operation = rest[rest.length - 1];
  const scopePath = rest.slice(0, -1);
  return granted.some((scope) => {
    const [gService, ...gRest] = scope.split('.');
    if (gService.toLowerCase() !== service.toLowerCase()) return false;
    const gOperation = gRest[gRest.length - 1];
    const gPath = gRest.slice(0, -1);
    const pathCovered = gPath.every((part, i) => part.toLowerCase() === scopePath[i]?.toLowerCase());
    return pathCovered && (gOperation === 'ALL' || gOperation.toUpperCase() === operation.toUpperCase());
  });
}
