import { Module } from '@nestjs/common';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { WebhookModule } from '../webhook/webhook.module';
import { MESSAGE_SENDER } from '../whatsapp/message-sender.port';
import { CONVERSATION_ENGINE } from './conversation-engine.port';
import { ConversationsService } from './conversations.service';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';
import { GraphSenderPlaceholder } from './graph-sender.placeholder';
import { InboundWorker } from './inbound.worker';
import { ConversationsController, PlaygroundController } from './messaging.controller';
import { MessagingRepository } from './messaging.repository';
import { OutboundService } from './outbound.service';
import { PlaygroundService } from './playground.service';
import { WelcomeEngine } from './welcome-engine';

/**
 * The pipeline after the webhook: workers, conversations, outbound rows, playground, dead letters.
 * CONVERSATION_ENGINE is the welcome engine until the chat module binds the real one;
 * MESSAGE_SENDER is a placeholder until the whatsapp module's sender is merged.
 */
@Module({
  imports: [TenantConfigModule, WebhookModule],
  controllers: [ConversationsController, PlaygroundController, DeadLettersController],
  providers: [
    MessagingRepository,
    DeadLettersRepository,
    DeadLettersService,
    OutboundService,
    InboundWorker,
    ConversationsService,
    PlaygroundService,
    { provide: CONVERSATION_ENGINE, useClass: WelcomeEngine },
    { provide: MESSAGE_SENDER, useClass: GraphSenderPlaceholder },
  ],
})
export class MessagingModule {}
