import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CrmConnectionHealth } from '../crm-connection-health';
import { crmErrors, isCrmError } from '../crm-errors';
import { ZohoAccounts } from './zoho-accounts';
import { apiDomainFor } from './zoho-data-centres';

export interface ZohoCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accountsUrl: string;
  /** As configured for the tenant; the token endpoint's `api_domain` wins when it gives one. */
  apiUrl: string | null;
}

export interface ZohoAccessToken {
  accessToken: string;
  apiDomain: string;
  apiDomainFromToken: boolean;
  /** Epoch ms after which the token is refreshed before use. */
  refreshAt: number;
}

/** Refresh this long before Zoho's expiry (5 minutes, or a tenth of a short lifetime). */
export function refreshMarginMs(lifetimeSeconds: number): number {
  return Math.min(300, lifetimeSeconds * 0.1) * 1000;
}

/**
 * Access tokens per tenant, kept until shortly before they expire. One refresh at a time per
 * tenant and credentials (single flight): concurrent callers share it, which matters because
 * Zoho allows only a few tokens per refresh token every ten minutes. A refresh failure marks the
 * tenant's connection unhealthy; a success marks it healthy.
 *
 * The cache is per process and keyed by a hash of the credentials, so new credentials are used
 * at once and never mixed with another tenant's.
 */
@Injectable()
export class ZohoTokenCache {
  private readonly logger = new Logger('ZohoTokens');
  private readonly tokens = new Map<string, ZohoAccessToken>();
  private readonly inflight = new Map<string, Promise<ZohoAccessToken>>();

  constructor(
    private readonly accounts: ZohoAccounts,
    private readonly health: CrmConnectionHealth,
  ) {}

  async get(credentials: ZohoCredentials): Promise<ZohoAccessToken> {
    const key = keyOf(credentials);
    const cached = this.tokens.get(key);
    if (cached && cached.refreshAt > Date.now()) return cached;
    return this.refresh(key, credentials);
  }

  /**
   * Zoho answered INVALID_TOKEN to `rejected`: refresh once. Callers that saw the same token
   * rejected share that one refresh; a caller whose token was already replaced gets the new one.
   */
  async renew(credentials: ZohoCredentials, rejected: string): Promise<ZohoAccessToken> {
    const key = keyOf(credentials);
    const running = this.inflight.get(key);
    if (running) return running;
    const current = this.tokens.get(key);
    if (current && current.accessToken !== rejected && current.refreshAt > Date.now()) return current;
    this.tokens.delete(key);
    return this.refresh(key, credentials);
  }

  /** Forgets a tenant's tokens (its credentials changed or were removed). */
  forget(tenantId: string): void {
    for (const key of this.tokens.keys()) if (key.startsWith(`${tenantId}:`)) this.tokens.delete(key);
  }

  private refresh(key: string, credentials: ZohoCredentials): Promise<ZohoAccessToken> {
    const running = this.inflight.get(key);
    if (running) return running;
    const work = this.fetch(credentials)
      .then((token) => {
        this.forget(credentials.tenantId);
        this.tokens.set(key, token);
        return token;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, work);
    return work;
  }

  private async fetch(credentials: ZohoCredentials): Promise<ZohoAccessToken> {
    try {
      const grant = await this.accounts.refresh(credentials, credentials.refreshToken);
      const apiDomain = grant.apiDomain ?? credentials.apiUrl ?? apiDomainFor(credentials.accountsUrl);
      if (!apiDomain) {
        throw crmErrors.notConfigured(
          'zoho',
          `Zoho gave no API domain and none is set for this tenant: set the Zoho API domain (e.g. https://www.zohoapis.eu)`,
        );
      }
      await this.mark(() => this.health.healthy(credentials.tenantId));
      return {
        accessToken: grant.accessToken,
        apiDomain,
        apiDomainFromToken: grant.apiDomainFromToken,
        refreshAt: Date.now() + grant.expiresInSeconds * 1000 - refreshMarginMs(grant.expiresInSeconds),
      };
    } catch (error) {
      const message = isCrmError(error)
        ? error.message
        : `Zoho token refresh failed: ${(error as Error).message}`;
      await this.mark(() => this.health.unhealthy(credentials.tenantId, message));
      throw error;
    }
  }

  private async mark(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not record the CRM connection health');
    }
  }
}

function keyOf(c: ZohoCredentials): string {
  const fingerprint = createHash('sha256')
    .update([c.clientId, c.clientSecret, c.refreshToken, c.accountsUrl, c.apiUrl ?? ''].join('\n'))
    .digest('base64url')
    .slice(0, 22);
  return `${c.tenantId}:${fingerprint}`;
}
