import { Global, Module } from '@nestjs/common';
import { CrmModule } from '../crm/crm.module';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { CONVERSATION_ENGINE } from '../messaging/conversation-engine.port';
import { ConversationEngineService } from './engine/conversation-engine.service';
import { GeminiModelCheck } from './llm/gemini-model-check';
import { LlmProviders } from './llm/llm-provider.factory';
import { LLM_PROVIDER_FACTORY } from './llm/llm.port';

/**
 * The conversation engine and the LLM adapters. Global so the messaging pipeline and the RAG
 * module reach CONVERSATION_ENGINE and LLM_PROVIDER_FACTORY without importing chat's internals.
 */
@Global()
@Module({
  imports: [TenantConfigModule, CrmModule],
  providers: [
    GeminiModelCheck,
    LlmProviders,
    { provide: LLM_PROVIDER_FACTORY, useExisting: LlmProviders },
    ConversationEngineService,
    { provide: CONVERSATION_ENGINE, useExisting: ConversationEngineService },
  ],
  exports: [LLM_PROVIDER_FACTORY, CONVERSATION_ENGINE, LlmProviders],
})
export class ChatModule {}
