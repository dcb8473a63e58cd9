import { type EmbeddingProvider, LlmUnavailableError } from './llm.port';
import { ollamaClient } from './ollama-llm.provider';
import { describeError, normalise, withDeadline } from './vendor-call';

export interface OllamaEmbeddingSettings {
  host: string;
  model: string;
  dimensions: number;
  timeoutMs: number;
}

/**
 * Ollama's /api/embed. nomic-embed-text expects task prefixes (`search_document:`,
 * `search_query:`), so queries and documents land in the right halves of its space.
 */
export class OllamaEmbeddingProvider implements EmbeddingProvider {
  readonly space: string;
  readonly dimensions: number;

  constructor(private readonly settings: OllamaEmbeddingSettings) {
    this.dimensions = settings.dimensions;
    this.space = `ollama:${settings.model}:${settings.dimensions}`;
  }

  async embed(texts: string[], purpose: 'document' | 'query'): Promise<number[][]> {
    if (!texts.length) return [];
    const prefix = this.settings.model.startsWith('nomic-embed-text')
      ? purpose === 'query'
        ? 'search_query: '
        : 'search_document: '
      : '';
    let outcome;
    try {
      outcome = await withDeadline(this.settings.timeoutMs, (signal) =>
        ollamaClient(this.settings.host, signal).embed({
          model: this.settings.model,
          input: texts.map((text) => prefix + text),
        }),
      );
    } catch (error) {
      throw new LlmUnavailableError('ollama', `Ollama embeddings failed: ${describeError(error)}`);
    }
    if ('timedOut' in outcome) {
      throw new LlmUnavailableError('ollama', `Ollama embeddings took over ${this.settings.timeoutMs} ms`);
    }
    return outcome.value.embeddings.map((vector) => {
      if (vector.length !== this.dimensions) {
        throw new LlmUnavailableError(
          'ollama',
          `${this.settings.model} returned ${vector.length} dimensions, expected ${this.dimensions}`,
        );
      }
      return normalise(vector);
    });
  }
}
