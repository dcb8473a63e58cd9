import { Global, Module } from '@nestjs/common';
import { AdminTenantHealthController, TenantHealthController } from './credential-health.controller';
import { CredentialHealthService } from './credential-health.service';

@Global()
@Module({
  controllers: [TenantHealthController, AdminTenantHealthController],
  providers: [CredentialHealthService],
  exports: [CredentialHealthService],
})
export class CredentialHealthModule {}
