import { createHash } from 'node:crypto';
import {
  LlmUnavailableError,
  type EmbeddingProvider,
  type LlmProvider,
  type LlmProviderFactory,
  type TenantLlmProviders,
} from '../../src/modules/chat/llm/llm.port';

const STOP_WORDS = new Set(
  'the and for are was were what which who whom when where why how does did has have with from that this your our you its into in on at of to is it an a by or be as'.split(
    ' ',
  ),
);

/**
 * A deterministic embedder for tests and benchmarks: a hashed bag of words (lower-cased, common words skipped, a
 * plural "s" dropped) in a fixed number of dimensions. Texts sharing words get similar vectors,
 * which is all retrieval tests need; no model, no network.
 */
export class HashingEmbeddingProvider implements EmbeddingProvider {
  readonly space: string;
  /** Set to make every call fail as a vendor outage would. */
  down = false;
  calls = 0;

  constructor(readonly dimensions = 768) {
    this.space = `hashing:v1:${dimensions}`;
  }

  embed(texts: string[]): Promise<number[][]> {
    this.calls += 1;
    if (this.down)
      return Promise.reject(new LlmUnavailableError('ollama', 'embedding service down (test)', 503));
    return Promise.resolve(texts.map((text) => this.vector(text)));
  }

  vector(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (STOP_WORDS.has(raw)) continue;
      const word = raw.length > 3 && raw.endsWith('s') ? raw.slice(0, -1) : raw;
      const digest = createHash('md5').update(word).digest();
      const index = digest.readUInt32BE(0) % this.dimensions;
      vector[index] += digest[4] & 1 ? 1 : -1;
    }
    const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0)) || 1;
    return vector.map((v) => v / norm);
  }
}

/** An LLM provider factory that only offers embeddings (the chat models are not RAG's business). */
export class HashingProviderFactory implements LlmProviderFactory {
  constructor(readonly embedder = new HashingEmbeddingProvider()) {}

  forTenant(): Promise<TenantLlmProviders> {
    const embedder = this.embedder;
    return Promise.resolve({
      llm(): Promise<LlmProvider> {
        return Promise.reject(new LlmUnavailableError('ollama', 'no chat model in RAG tests'));
      },
      embeddings: () => Promise.resolve(embedder),
    });
  }
}
