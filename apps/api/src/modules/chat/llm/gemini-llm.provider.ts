import {
  type Content,
  GoogleGenerativeAI,
  GoogleGenerativeAIFetchError,
  type GenerateContentResponse,
} from '@google/generative-ai';
import { type LlmAnswer, type LlmProvider, type LlmRequest, LlmUnavailableError } from './llm.port';
import { describeError, retryDelayMs, sleep, withDeadline } from './vendor-call';

export interface GeminiSettings {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
  /** Longest RetryInfo delay waited before the one retry of a 429 (longer asks are capped). */
  retryMaxDelayMs: number;
}

/**
 * Gemini through @google/generative-ai. Vendor failures, timeouts and a missing key become
 * `LlmUnavailableError`; a 429 is retried once after the delay its RetryInfo asks (capped).
 */
export class GeminiLlmProvider implements LlmProvider {
  readonly name = 'gemini' as const;

  constructor(private readonly settings: GeminiSettings) {}

  async generate(request: LlmRequest): Promise<LlmAnswer> {
    const { apiKey } = this.settings;
    if (!apiKey) throw new LlmUnavailableError('gemini', 'no Gemini API key is configured');
    const modelId = request.model ?? this.settings.model;
    const timeoutMs = request.timeoutMs ?? this.settings.timeoutMs;
    const model = new GoogleGenerativeAI(apiKey).getGenerativeModel(
      { model: modelId, systemInstruction: request.systemPrompt || undefined },
      { baseUrl: this.settings.baseUrl.replace(/\/+$/, '') },
    );
    const contents = toContents(request);
    const started = performance.now();
    let response: GenerateContentResponse | null = null;
    for (let attempt = 1; !response; attempt++) {
      try {
        const outcome = await withDeadline(timeoutMs, (signal) =>
          model.generateContent({ contents }, { signal }),
        );
        if ('timedOut' in outcome) {
          throw new LlmUnavailableError('gemini', `Gemini did not answer within ${timeoutMs} ms`);
        }
        response = outcome.value.response;
      } catch (error) {
        if (error instanceof LlmUnavailableError) throw error;
        const status = error instanceof GoogleGenerativeAIFetchError ? (error.status ?? null) : null;
        const delay =
          status === 429 && error instanceof GoogleGenerativeAIFetchError
            ? retryDelayMs(error.errorDetails)
            : null;
        if (attempt === 1 && status === 429) {
          await sleep(Math.min(delay ?? 1000, this.settings.retryMaxDelayMs));
          continue;
        }
        throw new LlmUnavailableError('gemini', `Gemini failed: ${geminiProblem(error)}`, status);
      }
    }
    const text = answerText(response);
    if (!text) {
      const reason =
        response.promptFeedback?.blockReason ?? response.candidates?.[0]?.finishReason ?? 'empty';
      throw new LlmUnavailableError('gemini', `Gemini gave no answer (${reason})`);
    }
    return {
      text,
      model: modelId,
      latencyMs: Math.round(performance.now() - started),
      promptTokens: response.usageMetadata?.promptTokenCount ?? null,
      completionTokens: response.usageMetadata?.candidatesTokenCount ?? null,
    };
  }
}

/** Gemini wants `user`/`model` turns; consecutive turns of one role are merged, and it starts with the user. */
function toContents(request: LlmRequest): Content[] {
  const contents: Content[] = [];
  for (const message of request.messages) {
    const role = message.role === 'assistant' ? 'model' : 'user';
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts.push({ text: message.text });
    else contents.push({ role, parts: [{ text: message.text }] });
  }
  while (contents[0]?.role === 'model') contents.shift();
  return contents;
}

/** The text of every part of the first candidate that has text (Gemini 3 may add text-less parts). */
function answerText(response: GenerateContentResponse): string {
  return (response.candidates?.[0]?.content?.parts ?? [])
    .map((part) => part.text ?? '')
    .join('')
    .trim();
}

/** "503 Service Unavailable: The model is overloaded…", without the URL and the details JSON. */
export function geminiProblem(error: unknown): string {
  const message = describeError(error);
  const vendor = /\[(\d{3}[^\]]*)\]\s*(.*)$/s.exec(message);
  if (!vendor) return message.replace(/^\[GoogleGenerativeAI Error\]:\s*/, '');
  return `${vendor[1]}: ${vendor[2].split(' [{')[0]}`.slice(0, 300);
}
