import { Module } from '@nestjs/common';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { WebhookModule } from '../webhook/webhook.module';
import { ConversationsService } from './conversations.service';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';
import { GraphSenderPlaceholder } from './graph-sender.placeholder';
import { InboundWorker } from './inbound.worker';
import { ConversationsController, PlaygroundController } from './messaging.controller';
import { MessagingRepository } from './messaging.repository';
import { OutboundService } from './outbound.service';
import { PIPELINE_ENGINE, PIPELINE_SENDER } from './pipeline-bindings';
import { PlaygroundService } from './playground.service';
import { WelcomeEngine } from './welcome-engine';

/**
 * The pipeline after the webhook: workers, conversations, outbound rows, playground, dead letters.
 * The engine is the welcome engine and the sender a placeholder Graph client until the pipeline
 * is switched to the chat module's CONVERSATION_ENGINE and the whatsapp module's MESSAGE_SENDER.
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
    // To switch to the chat engine and the whatsapp sender: import ChatModule and WhatsAppModule
    // and bind `{ provide: PIPELINE_ENGINE, useExisting: CONVERSATION_ENGINE }` and
    // `{ provide: PIPELINE_SENDER, useExisting: MESSAGE_SENDER }` (then delete the two classes).
    { provide: PIPELINE_ENGINE, useClass: WelcomeEngine },
    { provide: PIPELINE_SENDER, useClass: GraphSenderPlaceholder },
  ],
})
export class MessagingModule {}
