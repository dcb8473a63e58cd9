import { Ollama } from 'ollama';
import { type LlmAnswer, type LlmProvider, type LlmRequest, LlmUnavailableError } from './llm.port';
import { describeError, withDeadline } from './vendor-call';

export interface OllamaSettings {
  host: string;
  model: string;
  timeoutMs: number;
}

/** A fetch whose requests end at the signal of the call in progress (the client has no timeout option). */
export function ollamaClient(host: string, signal: AbortSignal): Ollama {
  return new Ollama({ host, fetch: (input, init) => fetch(input, { ...init, signal }) });
}

/** Ollama's /api/chat, not streamed. Failures and timeouts become `LlmUnavailableError`. */
export class OllamaLlmProvider implements LlmProvider {
  readonly name = 'ollama' as const;

  constructor(private readonly settings: OllamaSettings) {}

  async generate(request: LlmRequest): Promise<LlmAnswer> {
    const model = request.model ?? this.settings.model;
    const timeoutMs = request.timeoutMs ?? this.settings.timeoutMs;
    const messages = [
      ...(request.systemPrompt ? [{ role: 'system', content: request.systemPrompt }] : []),
      ...request.messages.map((m) => ({ role: m.role, content: m.text })),
    ];
    const started = performance.now();
    let outcome;
    try {
      outcome = await withDeadline(timeoutMs, (signal) =>
        ollamaClient(this.settings.host, signal).chat({ model, messages, stream: false }),
      );
    } catch (error) {
      const status = (error as { status_code?: number }).status_code ?? null;
      throw new LlmUnavailableError('ollama', `Ollama failed: ${describeError(error)}`, status);
    }
    if ('timedOut' in outcome) {
      throw new LlmUnavailableError('ollama', `Ollama did not answer within ${timeoutMs} ms`);
    }
    const response = outcome.value;
    const text = response.message?.content?.trim() ?? '';
    if (!text) throw new LlmUnavailableError('ollama', 'Ollama gave an empty answer');
    return {
      text,
      model,
      latencyMs: Math.round(performance.now() - started),
      promptTokens: response.prompt_eval_count ?? null,
      completionTokens: response.eval_count ?? null,
    };
  }
}
