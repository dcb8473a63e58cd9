import { Module } from '@nestjs/common';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { WebhookModule } from '../webhook/webhook.module';
import { MESSAGE_SENDER } from '../whatsapp/message-sender.port';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { ConversationsService } from './conversations.service';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';
import { InboundWorker } from './inbound.worker';
import { ConversationsController, PlaygroundController } from './messaging.controller';
import { MessagingRepository } from './messaging.repository';
import { OutboundService } from './outbound.service';
import { PIPELINE_ENGINE, PIPELINE_SENDER } from './pipeline-bindings';
import { PlaygroundService } from './playground.service';
import { WelcomeEngine } from './welcome-engine';

/**
 * The pipeline after the webhook: workers, conversations, outbound rows, playground, dead letters.
 * Replies go out through the whatsapp module's MESSAGE_SENDER; the engine is the welcome engine
 * until the pipeline is switched to the chat module's CONVERSATION_ENGINE.
 */
@Module({
  imports: [TenantConfigModule, WebhookModule, WhatsAppModule],
  controllers: [ConversationsController, PlaygroundController, DeadLettersController],
  providers: [
    MessagingRepository,
    DeadLettersRepository,
    DeadLettersService,
    OutboundService,
    InboundWorker,
    ConversationsService,
    PlaygroundService,
    // To switch to the chat engine: import ChatModule, bind
    // `{ provide: PIPELINE_ENGINE, useExisting: CONVERSATION_ENGINE }`, delete WelcomeEngine.
    { provide: PIPELINE_ENGINE, useClass: WelcomeEngine },
    { provide: PIPELINE_SENDER, useExisting: MESSAGE_SENDER },
  ],
})
export class MessagingModule {}
