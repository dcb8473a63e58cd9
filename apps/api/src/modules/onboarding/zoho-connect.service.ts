import { Inject, Injectable, Logger } from '@nestjs/common';
import { PublicRoutes, type ZohoAuthorizeUrl } from '@parley/shared-types';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { badRequest } from '../../common/http/domain-error';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { CrmConnectionService } from '../crm/crm-connection.service';
import { isCrmError } from '../crm/crm-errors';
import { ZohoAccounts } from '../crm/zoho/zoho-accounts';
import { apiDomainFor } from '../crm/zoho/zoho-data-centres';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import { allowedAccountsServer } from './zoho-accounts-server';

/** Leads (read and write) and search, which Zoho guards with a scope of its own (PROTOCOLS.md part 2, 1.2). */
export const ZOHO_SCOPES = ['ZohoCRM.modules.leads.ALL', 'ZohoSearch.securesearch.READ'];
const STATE_TTL_MS = 10 * 60_000;

export interface ZohoCallbackQuery {
  code?: string;
  state?: string;
  'accounts-server'?: string;
  location?: string;
  error?: string;
}

interface StateRow {
  tenant_id: string;
  accounts_url: string;
  user_id: string | null;
  user_email: string | null;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * "Connect Zoho": the authorization-code flow on the tenant's own Zoho client. The `state` is a
 * random value whose hash is stored with the tenant and a ten-minute expiry; the callback uses
 * it once. The callback exchanges the code only on a Zoho accounts server (a known data centre,
 * or the configured or tenant's own accounts server origin), never on a host the query names
 * freely, since the client secret travels with the exchange.
 */
@Injectable()
export class ZohoConnectService {
  private readonly logger = new Logger('ZohoConnect');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly configLoader: ConfigLoader,
    private readonly accounts: ZohoAccounts,
    private readonly connections: CrmConnectionService,
    private readonly health: CredentialHealthService,
  ) {}

  async authorizeUrl(actor: ActorContext, tenantId: string): Promise<ZohoAuthorizeUrl> {
    const tenant = await this.configLoader.forTenant(tenantId);
    const zoho = tenant?.crm.zoho;
    if (!zoho?.clientId || !zoho.clientSecret) {
      throw badRequest(
        'Save the Zoho client id and client secret (from Zoho’s API console) before connecting Zoho',
      );
    }
    const redirectUri = this.redirectUri();
    const accountsUrl = (zoho.accountsUrl ?? this.config.crm.zohoAccountsUrl).replace(/\/+$/, '');
    const state = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + STATE_TTL_MS);
    await this.dataSource.query(`DELETE FROM oauth_states WHERE expires_at < now() - interval '1 day'`);
    await this.dataSource.query(
      `INSERT INTO oauth_states (state_sha256, tenant_id, provider, accounts_url, user_id, user_email, expires_at)
       VALUES ($1, $2, 'zoho', $3, $4, $5, $6)`,
      [sha256(state), tenantId, accountsUrl, actor.userId, actor.email, expiresAt],
    );
    const url = new URL(`${accountsUrl}/oauth/v2/auth`);
    url.search = new URLSearchParams({
      scope: ZOHO_SCOPES.join(','),
      client_id: zoho.clientId,
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
      redirect_uri: redirectUri,
      state,
    }).toString();
    return { url: url.toString(), redirect_uri: redirectUri, expires_at: expiresAt.toISOString() };
  }

  /** Handles Zoho's redirect; returns where to send the browser. Bad or replayed state: 400. */
  async callback(query: ZohoCallbackQuery, ip: string | null): Promise<string> {
    const claimed = query.state ? await this.claimState(query.state) : null;
    if (!claimed) {
      throw badRequest(
        'This Zoho authorization is unknown, expired or already used; start "Connect Zoho" again',
      );
    }
    const accountsUrl = this.accountsServer(query['accounts-server'], claimed.accounts_url);
    if (!accountsUrl) {
      throw badRequest(`accounts-server ${query['accounts-server']} is not a Zoho accounts server`);
    }
    if (query.error || !query.code) {
      return this.adminUrl({
        zoho: 'error',
        message: `Zoho did not authorize Parley (${query.error ?? 'no code'})`,
      });
    }
    const tenantId = claimed.tenant_id;
    const actor: ActorContext = {
      userId: claimed.user_id,
      email: claimed.user_email,
      role: 'tenant_admin',
      ip,
      requestId: null,
    };
    try {
      const tenant = await this.configLoader.forTenant(tenantId);
      const zoho = tenant?.crm.zoho;
      if (!zoho?.clientId || !zoho.clientSecret)
        throw badRequest('The Zoho client id and secret were removed meanwhile');
      const grant = await this.accounts.exchangeCode(
        { clientId: zoho.clientId, clientSecret: zoho.clientSecret, accountsUrl },
        query.code,
        this.redirectUri(),
      );
      if (!grant.refreshToken) {
        return this.adminUrl({
          zoho: 'error',
          message: 'Zoho gave no refresh token (offline access was not granted)',
        });
      }
      await this.connections.connectZoho(actor, tenantId, {
        accountsUrl,
        apiDomain: grant.apiDomain ?? apiDomainFor(accountsUrl) ?? zoho.apiUrl,
        refreshToken: grant.refreshToken,
      });
      await this.health.record(tenantId, 'zoho', { status: 'ok' }, actor);
      return this.adminUrl({ zoho: 'connected' });
    } catch (error) {
      if (isCrmError(error) || error instanceof Error) {
        if (!isCrmError(error)) this.logger.warn({ err: error, tenantId }, 'Zoho connect failed');
        return this.adminUrl({
          zoho: 'error',
          message: isCrmError(error) ? error.message : 'Connecting Zoho failed',
        });
      }
      throw error;
    }
  }

  /** Marks the state used and returns what it was issued for; null when unknown, expired or used. */
  private async claimState(state: string): Promise<StateRow | null> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected count].
    const [rows] = await this.dataSource.query<[StateRow[], number]>(
      `UPDATE oauth_states SET used_at = now()
       WHERE state_sha256 = $1 AND provider = 'zoho' AND used_at IS NULL AND expires_at > now()
       RETURNING tenant_id, accounts_url, user_id, user_email`,
      [sha256(state)],
    );
    return rows[0] ?? null;
  }

  /** The accounts server to exchange on, if it is one Parley may send a client secret to. */
  private accountsServer(given: string | undefined, issuedFor: string): string | null {
    if (!given) return issuedFor;
    return allowedAccountsServer(given, [issuedFor, this.config.crm.zohoAccountsUrl]);
  }

  private redirectUri(): string {
    const publicUrl = this.config.core.publicUrl;
    if (!publicUrl)
      throw badRequest('PUBLIC_URL is not set: Zoho needs it to send the browser back to Parley');
    return `${publicUrl.replace(/\/+$/, '')}${PublicRoutes.zohoCallback}`;
  }

  private adminUrl(params: Record<string, string>): string {
    const base = (this.config.core.publicUrl ?? '').replace(/\/+$/, '');
    return `${base}/crm?${new URLSearchParams(params).toString()}`;
  }
}
