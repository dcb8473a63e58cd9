import { Module } from '@nestjs/common';
import { OnboardingModule } from '../onboarding/onboarding.module';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { BulkActions } from './bulk-actions';
import { BulkOperationRunner } from './bulk-operation.runner';
import { BulkOperationsController } from './bulk-operations.controller';
import { BulkOperationsRepository } from './bulk-operations.repository';
import { BulkOperationsService } from './bulk-operations.service';

/** Platform-admin bulk work on tenants: start, follow, cancel; run by background jobs. */
@Module({
  imports: [TenantConfigModule, OnboardingModule],
  controllers: [BulkOperationsController],
  providers: [BulkActions, BulkOperationsRepository, BulkOperationsService, BulkOperationRunner],
})
export class BulkOperationsModule {}
