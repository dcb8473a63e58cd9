import type { BotReply, LeadState, MessageType } from '@parley/shared-types';

/**
 * The seam between the messaging pipeline (webhook → jobs → send) and the chat issue's
 * conversation engine. The pipeline loads everything the engine needs, calls `handle` once per
 * inbound message (in order per contact), then stores the replies and the returned conversation
 * state in one transaction and sends the replies with idempotency keys. A job that runs twice may
 * call `handle` twice, but only one result is ever committed and sent, so the engine's own side
 * effects must be idempotent (lead capture is: one lead per tenant and phone).
 */
export const CONVERSATION_ENGINE = 'CONVERSATION_ENGINE';

export interface ConversationEngine {
  handle(turn: EngineTurn): Promise<EngineResult>;
}

export interface EngineTurn {
  tenantId: string;
  conversation: EngineConversation;
  message: EngineInboundMessage;
  /** Messages since the last /reset, oldest first, at most the last 20 (this message excluded). */
  history: EngineHistoryEntry[];
}

export interface EngineConversation {
  id: string;
  contact: {
    id: string;
    waId: string | null;
    userId: string | null;
    profileName: string | null;
    /** E.164 ("+919876543210") when Meta gave a phone number, else null (business-scoped id only). */
    phone: string | null;
  };
  /** True for the contact's first inbound message ever with this tenant. */
  firstContact: boolean;
  /** Engine-owned JSON (capture step, pending command, …), as the engine last returned it. */
  state: Record<string, unknown>;
  leadState: LeadState;
  leadName: string | null;
  /** Provider chosen with /set_llm (null: the tenant's default). */
  llmProvider: 'gemini' | 'ollama' | null;
  /** Page enabled with /enable_rag for this conversation (null: none). */
  ragUrl: string | null;
  /** A playground conversation: replies are captured, never sent to Meta. */
  simulated: boolean;
}

export interface EngineInboundMessage {
  id: string;
  wamid: string;
  type: MessageType;
  /** What the user said: text body, button/list reply title, media caption; null otherwise. */
  text: string | null;
  receivedAt: Date;
}

export interface EngineHistoryEntry {
  direction: 'inbound' | 'outbound';
  text: string;
  at: Date;
}

export interface LlmUsage {
  provider: 'gemini' | 'ollama';
  model: string;
  latencyMs: number;
  promptTokens: number | null;
  completionTokens: number | null;
  /** Set when the provider failed or timed out (the reply is then an apology). */
  error: string | null;
}

export interface EngineResult {
  /** In sending order; may be empty. */
  replies: BotReply[];
  /** The conversation as it stands after this message; the pipeline persists it. */
  conversation: {
    state: Record<string, unknown>;
    leadState: LeadState;
    leadName: string | null;
    llmProvider: 'gemini' | 'ollama' | null;
    ragUrl: string | null;
  };
  /** True after /reset: later turns get history from this message on only. */
  historyReset?: boolean;
  /** Recorded on this inbound message row (latency and token use charts). */
  llm?: LlmUsage;
}
