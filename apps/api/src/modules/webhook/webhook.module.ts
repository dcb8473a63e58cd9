import { Module } from '@nestjs/common';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { IngestBatcher } from './ingest-batcher';
import { UnroutedController } from './unrouted.controller';
import { UnroutedService } from './unrouted.service';
import { WebhookController } from './webhook.controller';
import { WebhookRepository } from './webhook.repository';
import { WebhookService } from './webhook.service';

@Module({
  imports: [TenantConfigModule],
  controllers: [WebhookController, UnroutedController],
  providers: [WebhookService, WebhookRepository, IngestBatcher, UnroutedService],
  exports: [WebhookService],
})
export class WebhookModule {}
