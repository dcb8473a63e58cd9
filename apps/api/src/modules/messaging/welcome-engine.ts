import { Injectable } from '@nestjs/common';
import type { BotReply } from '@parley/shared-types';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import type { ConversationEngine, EngineResult, EngineTurn } from './conversation-engine.port';

export const TEXT_ONLY_REPLY = 'Sorry, I can only read text messages. Please type your question.';

/**
 * The engine until the chat issue plugs the real one in: greets with the tenant's welcome text
 * (and logo, the first time) and leaves the conversation as it was.
 */
@Injectable()
export class WelcomeEngine implements ConversationEngine {
  constructor(private readonly loader: ConfigLoader) {}

  async handle(turn: EngineTurn): Promise<EngineResult> {
    const tenant = await this.loader.forTenant(turn.tenantId);
    const welcome =
      tenant?.profile.welcomeMessage ?? `Hello! Welcome to ${tenant?.profile.name ?? 'our service'}.`;
    const replies: BotReply[] = [];
    if (turn.message.text === null) {
      replies.push({ type: 'text', text: TEXT_ONLY_REPLY });
    } else {
      replies.push({ type: 'text', text: welcome });
      if (turn.conversation.firstContact && tenant?.profile.logoUrl)
        replies.push({ type: 'image', link: tenant.profile.logoUrl, caption: null });
    }
    const c = turn.conversation;
    return {
      replies,
      conversation: {
        state: c.state,
        leadState: c.leadState,
        leadName: c.leadName,
        llmProvider: c.llmProvider,
        ragUrl: c.ragUrl,
      },
    };
  }
}
