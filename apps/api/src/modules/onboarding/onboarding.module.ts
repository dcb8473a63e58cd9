import { Module } from '@nestjs/common';
import { CrmModule } from '../crm/crm.module';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { WhatsAppModule } from '../whatsapp';
import { TENANT_HEALTH_CHECKER } from '../bulk-operations/bulk-ports';
import { BulkHealthChecker } from './bulk-health-checker';
import { CredentialCheckController } from './credential-check.controller';
import { CredentialCheckService } from './credential-check.service';
import { CredentialCheckWorker } from './credential-check.worker';
import { MetaBusinessApi } from './meta-business.api';
import { OnboardingController } from './onboarding.controller';
import { OnboardingRepository } from './onboarding.repository';
import { OnboardingService } from './onboarding.service';
import { ZohoAuthorizeController, ZohoCallbackController } from './zoho-connect.controller';
import { ZohoConnectService } from './zoho-connect.service';

/**
 * Connecting a tenant's outside accounts: WhatsApp Embedded Signup, Zoho's OAuth connect, and
 * the credential checks (hourly job, "check now"). `CredentialCheckService.checkTenant` is
 * exported for the platform's bulk health check.
 */
@Module({
  imports: [TenantConfigModule, CrmModule, WhatsAppModule],
  controllers: [
    OnboardingController,
    ZohoAuthorizeController,
    ZohoCallbackController,
    CredentialCheckController,
  ],
  providers: [
    MetaBusinessApi,
    OnboardingRepository,
    OnboardingService,
    ZohoConnectService,
    CredentialCheckService,
    CredentialCheckWorker,
    { provide: TENANT_HEALTH_CHECKER, useClass: BulkHealthChecker },
  ],
  exports: [CredentialCheckService, TENANT_HEALTH_CHECKER],
})
export class OnboardingModule {}
