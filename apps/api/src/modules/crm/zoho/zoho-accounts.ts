import { Injectable } from '@nestjs/common';
import { CrmError, crmErrors } from '../crm-errors';
import { CrmHttp, CrmHttpResponse, retryAfterMs } from '../crm-http';
import { dataCentreOfAccounts } from './zoho-data-centres';

export interface ZohoClientCredentials {
  clientId: string;
  clientSecret: string;
  /** e.g. https://accounts.zoho.eu */
  accountsUrl: string;
}

export interface ZohoTokenGrant {
  accessToken: string;
  /** Only from the authorization-code exchange. */
  refreshToken: string | null;
  /** The API domain of the account's data centre, as the token endpoint says, else as configured. */
  apiDomain: string | null;
  apiDomainFromToken: boolean;
  expiresInSeconds: number;
  scope: string | null;
}

interface TokenBody {
  access_token?: string;
  refresh_token?: string;
  api_domain?: string;
  expires_in?: number | string;
  expires_in_sec?: number | string;
  scope?: string;
  error?: string;
  error_description?: string;
}

/** Zoho blocks a client that asks for tokens too often for "a while"; do not knock sooner. */
const TOKEN_BLOCK_WAIT_MS = 10 * 60_000;

/**
 * Zoho's accounts server: `POST {accounts}/oauth/v2/token` with a form body, for the refresh
 * grant (every tenant) and the authorization-code grant (the connect flow). Zoho may answer
 * HTTP 200 with an `error` field, so the body is always checked.
 */
@Injectable()
export class ZohoAccounts {
  constructor(private readonly http: CrmHttp) {}

  async refresh(client: ZohoClientCredentials, refreshToken: string): Promise<ZohoTokenGrant> {
    const response = await this.post(client, {
      grant_type: 'refresh_token',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      refresh_token: refreshToken,
    });
    return this.grant(client, response, 'refresh token');
  }

  /** The connect flow: trade the `code` Zoho sent to `redirectUri` for a refresh token. */
  async exchangeCode(
    client: ZohoClientCredentials,
    code: string,
    redirectUri: string,
  ): Promise<ZohoTokenGrant> {
    const response = await this.post(client, {
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: redirectUri,
      code,
    });
    return this.grant(client, response, 'authorization code');
  }

  private post(client: ZohoClientCredentials, form: Record<string, string>): Promise<CrmHttpResponse> {
    return this.http.send({
      provider: 'zoho',
      operation: 'token',
      method: 'POST',
      url: `${client.accountsUrl}/oauth/v2/token`,
      form,
    });
  }

  private grant(client: ZohoClientCredentials, response: CrmHttpResponse, what: string): ZohoTokenGrant {
    const body = (response.body ?? {}) as TokenBody;
    if (body.error || response.status >= 400 || !body.access_token) {
      throw tokenError(client, response, body, what);
    }
    const fromToken = typeof body.api_domain === 'string' && body.api_domain.length > 0;
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? null,
      apiDomain: fromToken ? body.api_domain!.replace(/\/+$/, '') : null,
      apiDomainFromToken: fromToken,
      expiresInSeconds: lifetimeSeconds(body),
      scope: body.scope ?? null,
    };
  }
}

function lifetimeSeconds(body: TokenBody): number {
  const seconds = Number(body.expires_in_sec ?? NaN);
  if (Number.isFinite(seconds) && seconds > 0) return seconds;
  const value = Number(body.expires_in ?? 3600);
  if (!Number.isFinite(value) || value <= 0) return 3600;
  // Older Zoho answers gave expires_in in milliseconds next to expires_in_sec.
  return value > 86_400 ? Math.round(value / 1000) : value;
}

function tokenError(
  client: ZohoClientCredentials,
  response: CrmHttpResponse,
  body: TokenBody,
  what: string,
): CrmError {
  const accounts = client.accountsUrl;
  const dc = dataCentreOfAccounts(accounts);
  const where = dc ? `${accounts} (Zoho's ${dc.code} data centre)` : accounts;
  const code = body.error ?? '';
  const description = `${code} ${body.error_description ?? ''}`.toLowerCase();
  if (response.status >= 500) {
    return crmErrors.unavailable('zoho', `Zoho's accounts server ${accounts} answered ${response.status}`);
  }
  if (description.includes('too many requests') || code === 'Access Denied' || response.status === 429) {
    return crmErrors.rateLimited(
      'zoho',
      retryAfterMs(response.headers) ?? TOKEN_BLOCK_WAIT_MS,
      `Zoho is refusing new access tokens for a while (too many token requests): Parley waits and tries again`,
    );
  }
  if (code === 'invalid_client' || code === 'invalid_client_secret' || code === 'unauthorized_client') {
    return crmErrors.auth(
      'zoho',
      'bad_client',
      `Zoho's accounts server ${where} did not accept the client id or client secret (${code}). Check both ` +
        `in Zoho's API console; if the Zoho account is in another data centre, use that data centre's ` +
        `accounts server and enable multi-DC for the client.`,
    );
  }
  if (code === 'invalid_code' || code === 'invalid_grant' || code === 'invalid_token') {
    return crmErrors.auth(
      'zoho',
      'bad_token',
      `Zoho's accounts server ${where} did not accept the ${what} (${code}): it was revoked or has ` +
        `expired, or it belongs to another data centre than this accounts server. Reconnect Zoho, or ` +
        `check the accounts server.`,
    );
  }
  if (code === 'invalid_redirect_uri') {
    return crmErrors.auth(
      'zoho',
      'bad_client',
      `Zoho did not accept the redirect URI registered for the client (${code})`,
    );
  }
  if (!body.access_token && !code) {
    return crmErrors.unavailable(
      'zoho',
      `Zoho's accounts server ${accounts} gave no access token (HTTP ${response.status})`,
    );
  }
  return crmErrors.auth(
    'zoho',
    'bad_token',
    `Zoho's accounts server ${where} refused the ${what} (${code || response.status})`,
  );
}
