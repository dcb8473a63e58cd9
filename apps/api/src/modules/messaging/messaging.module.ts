import { Module } from '@nestjs/common';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { WebhookModule } from '../webhook/webhook.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { ConversationsService } from './conversations.service';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';
import { InboundWorker } from './inbound.worker';
import {
  AdminTenantConversationsController,
  ConversationsController,
  PlaygroundController,
} from './messaging.controller';
import { MessagingRepository } from './messaging.repository';
import { OutboundService } from './outbound.service';
import { PlaygroundService } from './playground.service';

/**
 * The pipeline after the webhook: workers, conversations, outbound rows, playground, dead letters.
 * Each inbound message goes through the chat module's CONVERSATION_ENGINE (global) and the replies
 * out through the whatsapp module's MESSAGE_SENDER.
 */
@Module({
  imports: [TenantConfigModule, WebhookModule, WhatsAppModule],
  controllers: [
    ConversationsController,
    AdminTenantConversationsController,
    PlaygroundController,
    DeadLettersController,
  ],
  providers: [
    MessagingRepository,
    DeadLettersRepository,
    DeadLettersService,
    OutboundService,
    InboundWorker,
    ConversationsService,
    PlaygroundService,
  ],
})
export class MessagingModule {}
