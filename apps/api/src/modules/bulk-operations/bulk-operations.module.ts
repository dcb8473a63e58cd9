import { Module } from '@nestjs/common';
import { RagModule } from '../chat/rag/rag.module';
import { KnowledgeService } from '../chat/rag/knowledge.service';
import { OnboardingModule } from '../onboarding/onboarding.module';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { BulkActions } from './bulk-actions';
import { KNOWLEDGE_RECRAWLER, type KnowledgeRecrawler } from './bulk-ports';
import { BulkOperationRunner } from './bulk-operation.runner';
import { BulkOperationsController } from './bulk-operations.controller';
import { BulkOperationsRepository } from './bulk-operations.repository';
import { BulkOperationsService } from './bulk-operations.service';

/** Platform-admin bulk work on tenants: start, follow, cancel; run by background jobs. */
@Module({
  imports: [TenantConfigModule, OnboardingModule, RagModule],
  controllers: [BulkOperationsController],
  providers: [
    {
      provide: KNOWLEDGE_RECRAWLER,
      inject: [KnowledgeService],
      useFactory: (knowledge: KnowledgeService): KnowledgeRecrawler => ({
        recrawlAll: async (tenantId) => ({ sources: await knowledge.recrawlAll(tenantId) }),
      }),
    },
    BulkActions,
    BulkOperationsRepository,
    BulkOperationsService,
    BulkOperationRunner,
  ],
})
export class BulkOperationsModule {}
