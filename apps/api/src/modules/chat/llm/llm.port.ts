/**
 * Ports between the conversation engine, the RAG store and the LLM vendors. Adapters (Gemini
 * through @google/generative-ai, Ollama through `ollama`) are picked per tenant by
 * `LlmProviderFactory`; tests point the vendors' base URLs at packages/fakes.
 */
export type LlmProviderName = 'gemini' | 'ollama';

export interface LlmChatMessage {
  role: 'user' | 'assistant';
  text: string;
}

export interface LlmRequest {
  systemPrompt: string;
  /** Oldest first; the last entry is the user's current question. */
  messages: LlmChatMessage[];
  model?: string;
  timeoutMs?: number;
}

export interface LlmAnswer {
  text: string;
  model: string;
  latencyMs: number;
  promptTokens: number | null;
  completionTokens: number | null;
}

export interface LlmProvider {
  readonly name: LlmProviderName;
  /** Throws `LlmUnavailableError` on a vendor failure or timeout (after the one allowed retry). */
  generate(request: LlmRequest): Promise<LlmAnswer>;
}

export interface EmbeddingProvider {
  /** Identifies the vector space (provider + model + dimensions); vectors of different spaces never mix. */
  readonly space: string;
  readonly dimensions: number;
  /** One vector per text, same order. Throws `LlmUnavailableError` when the vendor fails. */
  embed(texts: string[], purpose: 'document' | 'query'): Promise<number[][]>;
}

export interface TenantLlmProviders {
  llm(provider?: LlmProviderName): Promise<LlmProvider>;
  /** Null when no embedding provider is configured or reachable (RAG falls back to keywords). */
  embeddings(): Promise<EmbeddingProvider | null>;
}

/** Resolves a tenant's providers from its settings (tenant key or platform key, model, host). */
export interface LlmProviderFactory {
  forTenant(tenantId: string): Promise<TenantLlmProviders>;
}
export const LLM_PROVIDER_FACTORY = 'LLM_PROVIDER_FACTORY';

export class LlmUnavailableError extends Error {
  constructor(
    readonly provider: LlmProviderName,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'LlmUnavailableError';
  }
}
