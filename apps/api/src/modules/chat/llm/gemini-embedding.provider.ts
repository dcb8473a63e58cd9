import { type EmbedContentRequest, GoogleGenerativeAI, TaskType } from '@google/generative-ai';
import { type EmbeddingProvider, LlmUnavailableError } from './llm.port';
import { geminiProblem } from './gemini-llm.provider';
import { normalise, withDeadline } from './vendor-call';

/** The API takes at most 100 texts per batchEmbedContents call. */
const BATCH = 100;

export interface GeminiEmbeddingSettings {
  baseUrl: string;
  apiKey: string;
  model: string;
  dimensions: number;
  timeoutMs: number;
}

/** Gemini embeddings (batchEmbedContents), asked for `dimensions` values and normalised. */
export class GeminiEmbeddingProvider implements EmbeddingProvider {
  readonly space: string;
  readonly dimensions: number;

  constructor(private readonly settings: GeminiEmbeddingSettings) {
    this.dimensions = settings.dimensions;
    this.space = `gemini:${settings.model}:${settings.dimensions}`;
  }

  async embed(texts: string[], purpose: 'document' | 'query'): Promise<number[][]> {
    const model = new GoogleGenerativeAI(this.settings.apiKey).getGenerativeModel(
      { model: this.settings.model },
      { baseUrl: this.settings.baseUrl.replace(/\/+$/, '') },
    );
    const taskType = purpose === 'query' ? TaskType.RETRIEVAL_QUERY : TaskType.RETRIEVAL_DOCUMENT;
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      const requests = texts.slice(i, i + BATCH).map(
        (text) =>
          // outputDimensionality is in the REST API but not in this SDK's types; the SDK sends it as is.
          ({
            content: { role: 'user', parts: [{ text }] },
            taskType,
            outputDimensionality: this.dimensions,
          }) as EmbedContentRequest,
      );
      let outcome;
      try {
        outcome = await withDeadline(this.settings.timeoutMs, (signal) =>
          model.batchEmbedContents({ requests }, { signal }),
        );
      } catch (error) {
        throw new LlmUnavailableError('gemini', `Gemini embeddings failed: ${geminiProblem(error)}`);
      }
      if ('timedOut' in outcome) {
        throw new LlmUnavailableError('gemini', `Gemini embeddings took over ${this.settings.timeoutMs} ms`);
      }
      for (const embedding of outcome.value.embeddings) {
        if (embedding.values.length !== this.dimensions) {
          throw new LlmUnavailableError(
            'gemini',
            `Gemini returned ${embedding.values.length} dimensions, expected ${this.dimensions}`,
          );
        }
        vectors.push(normalise(embedding.values));
      }
    }
    return vectors;
  }
}
