import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/http/domain-error';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import type { LoadedTenant } from '../tenant-config/tenant-config-view';
import { CrmConnectionHealth } from './crm-connection-health';
import type {
  CrmConnectionCheck,
  CrmLead,
  CrmProvider,
  CrmProviderFactory,
  NewCrmLead,
} from './crm-provider.port';
import { CrmError, crmErrors } from './crm-errors';
import { CrmHttp } from './crm-http';
import { HubSpotCrmProvider } from './hubspot/hubspot-crm.provider';
import { LeadsRepository } from './leads.repository';
import { LocalCrmProvider } from './local/local-crm.provider';
import { ZohoCrmProvider } from './zoho/zoho-crm.provider';
import { ZohoTokenCache } from './zoho/zoho-token-cache';

/**
 * Picks the adapter a tenant's settings call for, with that tenant's decrypted credentials from
 * ConfigLoader (so a change is used at once) and its default country. Adapters are cheap; the
 * state worth keeping (Zoho access tokens) lives in the shared token cache, keyed per tenant.
 */
@Injectable()
export class DefaultCrmProviderFactory implements CrmProviderFactory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly configLoader: ConfigLoader,
    private readonly dataSource: DataSource,
    private readonly http: CrmHttp,
    private readonly tokens: ZohoTokenCache,
    private readonly health: CrmConnectionHealth,
    private readonly leads: LeadsRepository,
  ) {}

  async forTenant(tenantId: string): Promise<CrmProvider> {
    const tenant = await this.configLoader.forTenant(tenantId);
    if (!tenant) throw notFound(`Tenant "${tenantId}"`);
    return this.build(tenant);
  }

  private build(tenant: LoadedTenant): CrmProvider {
    const tenantId = tenant.profile.id;
    const country = tenant.profile.defaultCountry;
    switch (tenant.profile.crmKind) {
      case 'zoho': {
        const zoho = tenant.crm.zoho;
        const missing = [
          !zoho.clientId && 'client id',
          !zoho.clientSecret && 'client secret',
          !zoho.refreshToken && 'refresh token',
        ].filter(Boolean);
        if (missing.length > 0) {
          return new UnconfiguredCrmProvider(
            crmErrors.notConfigured(
              'zoho',
              `Zoho CRM is not set up for this tenant: the ${missing.join(', ')} is missing.`,
            ),
          );
        }
        return new ZohoCrmProvider(this.http, this.tokens, this.health, {
          country,
          credentials: {
            tenantId,
            clientId: zoho.clientId!,
            clientSecret: zoho.clientSecret!,
            refreshToken: zoho.refreshToken!,
            accountsUrl: zoho.accountsUrl ?? this.config.crm.zohoAccountsUrl,
            apiUrl: zoho.apiUrl,
          },
        });
      }
      case 'hubspot': {
        const token = tenant.crm.hubspot.apiKey;
        if (!token) {
          return new UnconfiguredCrmProvider(
            crmErrors.notConfigured(
              'hubspot',
              'HubSpot is not set up for this tenant: the private app token is missing.',
            ),
          );
        }
        return new HubSpotCrmProvider(this.http, this.health, {
          tenantId,
          baseUrl: this.config.crm.hubspotApiBaseUrl,
          token,
          country,
          maxWaitMs: this.config.crm.rateLimitMaxWaitSeconds * 1000,
        });
      }
      default:
        return new LocalCrmProvider(this.dataSource, this.leads, tenantId);
    }
  }
}

/** A CRM chosen but not set up: every call says what is missing. */
class UnconfiguredCrmProvider implements CrmProvider {
  constructor(private readonly error: CrmError) {}

  get kind() {
    return this.error.provider;
  }

  findLeadByPhone(): Promise<CrmLead | null> {
    return Promise.reject(this.error);
  }

  createLead(_lead: NewCrmLead): Promise<{ id: string }> {
    return Promise.reject(this.error);
  }

  testConnection(): Promise<CrmConnectionCheck> {
    return Promise.resolve({ verdict: 'not_configured', message: this.error.message });
  }
}
