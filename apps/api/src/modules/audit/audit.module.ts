import { Global, Module } from '@nestjs/common';
import { AdminAuditController, TenantAuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AdminAuditController, TenantAuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
