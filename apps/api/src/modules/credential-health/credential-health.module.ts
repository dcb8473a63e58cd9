import { Global, Module } from '@nestjs/common';
import { AdminTenantHealthController, TenantHealthController } from './credential-health.controller';
import { CredentialHealthService } from './credential-health.service';
import { HubSpotTokenCheck } from './hubspot-token-check';

@Global()
@Module({
  controllers: [TenantHealthController, AdminTenantHealthController],
  providers: [CredentialHealthService, HubSpotTokenCheck],
  exports: [CredentialHealthService, HubSpotTokenCheck],
})
export class CredentialHealthModule {}
