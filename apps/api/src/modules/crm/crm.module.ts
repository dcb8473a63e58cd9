import { Module } from '@nestjs/common';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { CrmConnectionHealth } from './crm-connection-health';
import { CrmConnectionService } from './crm-connection.service';
import { CrmHttp } from './crm-http';
import { DefaultCrmProviderFactory } from './crm-provider.factory';
import { CRM_PROVIDER_FACTORY } from './crm-provider.port';
import { LeadSyncWorker } from './lead-sync.worker';
import { CrmController, LeadsController } from './leads.controller';
import { LeadsRepository } from './leads.repository';
import { LeadsService } from './leads.service';
import { ZohoAccounts } from './zoho/zoho-accounts';
import { ZohoTokenCache } from './zoho/zoho-token-cache';

/**
 * The CRM port (`CRM_PROVIDER_FACTORY` → Zoho, HubSpot or the built-in list per tenant), the
 * lead outbox, and the tenant's leads and CRM routes. Other modules use `LeadsService`
 * (captureLead, findLeadByPhone) or the provider factory; `ZohoAccounts` serves the connect flow.
 */
@Module({
  imports: [TenantConfigModule],
  controllers: [LeadsController, CrmController],
  providers: [
    CrmHttp,
    CrmConnectionHealth,
    ZohoAccounts,
    ZohoTokenCache,
    LeadsRepository,
    LeadSyncWorker,
    LeadsService,
    CrmConnectionService,
    { provide: CRM_PROVIDER_FACTORY, useClass: DefaultCrmProviderFactory },
  ],
  exports: [LeadsService, CRM_PROVIDER_FACTORY, ZohoAccounts, CrmConnectionService],
})
export class CrmModule {}
