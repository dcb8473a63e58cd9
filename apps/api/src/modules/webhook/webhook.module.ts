import { Module } from '@nestjs/common';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { UnroutedController } from './unrouted.controller';
import { UnroutedService } from './unrouted.service';
import { WebhookController } from './webhook.controller';
import { WebhookRepository } from './webhook.repository';
import { WebhookService } from './webhook.service';

@Module({
  imports: [TenantConfigModule],
  controllers: [WebhookController, UnroutedController],
  providers: [WebhookService, WebhookRepository, UnroutedService],
  exports: [WebhookService],
})
export class WebhookModule {}
