import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TenantHealth } from '@parley/shared-types';
import { SYSTEM_ACTOR, type ActorContext } from '../../common/auth/actor';
import { notFound } from '../../common/http/domain-error';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import {
  CredentialHealthService,
  type CredentialObservation,
} from '../credential-health/credential-health.service';
import { HubSpotTokenCheck } from '../credential-health/hubspot-token-check';
import { isCrmError } from '../crm/crm-errors';
import { ZohoAccounts } from '../crm/zoho/zoho-accounts';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import type { LoadedTenant } from '../tenant-config/tenant-config-view';
import { GraphCallError } from '../whatsapp';
import { MetaBusinessApi, tokenProblem } from './meta-business.api';

/**
 * Checks a tenant's credentials against their vendors and records each verdict in
 * credential_health (a change of status is audited there). Only credentials the tenant uses are
 * checked; a vendor that cannot be reached gives no verdict, so a short outage never flips a
 * good credential. Used by the hourly job, "check now" and the platform's bulk health check.
 */
@Injectable()
export class CredentialCheckService {
  private readonly logger = new Logger('CredentialCheck');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly configLoader: ConfigLoader,
    private readonly meta: MetaBusinessApi,
    private readonly zoho: ZohoAccounts,
    private readonly hubspot: HubSpotTokenCheck,
    private readonly health: CredentialHealthService,
  ) {}

  async checkTenant(tenantId: string, actor: ActorContext = SYSTEM_ACTOR): Promise<TenantHealth> {
    const tenant = await this.configLoader.forTenant(tenantId);
    if (!tenant) throw notFound(`Tenant "${tenantId}"`);
    await this.checkWhatsApp(tenant, actor);
    await this.checkZoho(tenant, actor);
    await this.checkHubSpot(tenant, actor);
    return this.health.forTenant(tenantId);
  }

  private async checkWhatsApp(tenant: LoadedTenant, actor: ActorContext): Promise<void> {
    const view = tenant.whatsapp;
    const tenantId = tenant.profile.id;
    const token = view.getAccessToken();
    if (!view.hasTenantConfig() || !token) return;
    const appId = view.getAppId();
    const appSecret = view.getAppSecret();
    if (!appId || !appSecret) {
      await this.record(tenantId, 'whatsapp', actor, {
        status: 'unknown',
        error: 'The token cannot be checked: FB_APP_ID and FB_APP_SECRET are not set',
      });
      return;
    }
    const wabaId = view.getWabaId();
    let tokenValid = false;
    try {
      const info = await this.meta.debugToken({ id: appId, secret: appSecret }, token);
      const problem = tokenProblem(info, appId, wabaId);
      tokenValid = problem === null;
      const soon = Date.now() + this.config.credentials.expiringWithinDays * 86_400_000;
      await this.record(tenantId, 'whatsapp', actor, {
        status: problem ? 'invalid' : info.expiresAt && info.expiresAt.getTime() < soon ? 'expiring' : 'ok',
        error: problem ? `${problem}. Reconnect WhatsApp (Embedded Signup) to get a new token.` : null,
        expiresAt: info.expiresAt,
      });
    } catch (error) {
      if (!(error instanceof GraphCallError)) throw error;
      if (error.unavailable) return this.noVerdict(tenantId, 'whatsapp', error);
      await this.record(tenantId, 'whatsapp', actor, {
        status: 'unknown',
        error: `Meta refused to inspect the token: ${error.message}`,
      });
      return;
    }
    if (!wabaId) return;
    if (!tokenValid) {
      await this.record(tenantId, 'waba_subscription', actor, {
        status: 'unknown',
        error: 'Cannot be checked while the WhatsApp token is invalid',
      });
      return;
    }
    try {
      const apps = await this.meta.subscribedAppIds(wabaId, token);
      const subscribed = apps.includes(appId);
      await this.record(tenantId, 'waba_subscription', actor, {
        status: subscribed ? 'ok' : 'invalid',
        error: subscribed
          ? null
          : `The Meta app ${appId} is not subscribed to WhatsApp Business Account ${wabaId}, so no messages arrive. Reconnect WhatsApp.`,
      });
    } catch (error) {
      if (!(error instanceof GraphCallError)) throw error;
      if (error.unavailable) return this.noVerdict(tenantId, 'waba_subscription', error);
      await this.record(tenantId, 'waba_subscription', actor, {
        status: 'invalid',
        error: `Meta refused to show the WABA's subscriptions: ${error.message}`,
      });
    }
  }

  private async checkZoho(tenant: LoadedTenant, actor: ActorContext): Promise<void> {
    const zoho = tenant.crm.zoho;
    if (tenant.profile.crmKind !== 'zoho' || !zoho.refreshToken || !zoho.clientId || !zoho.clientSecret)
      return;
    try {
      await this.zoho.refresh(
        {
          clientId: zoho.clientId,
          clientSecret: zoho.clientSecret,
          accountsUrl: zoho.accountsUrl ?? this.config.crm.zohoAccountsUrl,
        },
        zoho.refreshToken,
      );
      await this.record(tenant.profile.id, 'zoho', actor, { status: 'ok' });
    } catch (error) {
      if (!isCrmError(error)) throw error;
      if (error.kind !== 'auth_failed') return this.noVerdict(tenant.profile.id, 'zoho', error);
      await this.record(tenant.profile.id, 'zoho', actor, { status: 'invalid', error: error.message });
    }
  }

  private async checkHubSpot(tenant: LoadedTenant, actor: ActorContext): Promise<void> {
    const token = tenant.crm.hubspot.apiKey;
    if (tenant.profile.crmKind !== 'hubspot' || !token) return;
    const result = await this.hubspot.check(token);
    if (result.verdict === 'unreachable')
      return this.noVerdict(tenant.profile.id, 'hubspot', new Error(result.message));
    await this.record(tenant.profile.id, 'hubspot', actor, {
      status: result.verdict,
      error: result.verdict === 'ok' ? null : result.message,
    });
  }

  private record(
    tenantId: string,
    credential: 'whatsapp' | 'waba_subscription' | 'zoho' | 'hubspot',
    actor: ActorContext,
    observation: CredentialObservation,
  ): Promise<void> {
    return this.health.record(tenantId, credential, observation, actor);
  }

  private noVerdict(tenantId: string, credential: string, error: Error): void {
    this.logger.warn(
      { tenantId, credential, reason: error.message },
      'credential not checked: vendor unavailable',
    );
  }
}
