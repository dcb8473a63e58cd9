import { createHash } from 'node:crypto';
import { FakeRequest, FakeResponse, FakeServer } from '../harness/fake-server';
import { fakeAnswer, fakeEmbedding, fakeTokenCount } from '../llm/deterministic';

/**
 * An Ollama server (`POST /api/chat`, `/api/embed`, `/api/embeddings`, `GET /api/tags`,
 * `/api/version`) as the `ollama` npm client calls it. Errors are `{"error": "..."}`; a model
 * that is not pulled gets 404 `model "x" not found, try pulling it first`. Answers and
 * embeddings are deterministic (see fakeAnswer, fakeEmbedding); durations are in nanoseconds.
 */

export const OLLAMA_FAKE_MODELS = ['phi3:mini', 'nomic-embed-text:latest', 'all-minilm:latest'];
const EMBEDDING_DIMENSIONS: Record<string, number> = {
  'nomic-embed-text:latest': 768,
  'all-minilm:latest': 384,
};

export interface OllamaFakeOptions {
  /** Models "pulled" on this server (default OLLAMA_FAKE_MODELS). */
  models?: string[];
}

interface ChatMessage {
  role?: string;
  content?: string;
}

export function ollamaError(status: number, error: string): FakeResponse {
  return { status, body: { error } };
}

export class OllamaFake extends FakeServer {
  private readonly models: string[];

  constructor(options: OllamaFakeOptions = {}) {
    super('ollama');
    this.models = (options.models ?? OLLAMA_FAKE_MODELS).map(withTag);
    this.route('GET', '/api/tags', () => this.tags());
    this.route('GET', '/api/version', () => ({ status: 200, body: { version: '0.12.6' } }));
    this.route('POST', '/api/chat', (req) => this.chat(req));
    this.route('POST', '/api/embed', (req) => this.embed(req));
    this.route('POST', '/api/embeddings', (req) => this.embedLegacy(req));
  }

  /** Calls to `path` (default /api/chat) get a 500 with Ollama's error body. */
  down(times?: number, path = '/api/chat'): void {
    this.fail({
      method: 'POST',
      path,
      response: ollamaError(500, 'llama runner process has terminated: signal: killed'),
      times,
    });
  }

  /** Calls to `path` are answered only after `delayMs` (client timeouts). */
  slow(delayMs: number, times?: number, path = '/api/chat'): void {
    this.fail({ method: 'POST', path, response: { ...ollamaError(500, 'too slow'), delayMs }, times });
  }

  /** /api/chat requests received: the model and the messages it got. */
  prompts(): { model: string; messages: { role: string; content: string }[] }[] {
    return this.requests({ method: 'POST', path: '/api/chat' }).map((r) => {
      const body = r.body as { model?: string; messages?: ChatMessage[] };
      return {
        model: body.model ?? '',
        messages: (body.messages ?? []).map((m) => ({ role: m.role ?? '', content: m.content ?? '' })),
      };
    });
  }

  private has(model: unknown): model is string {
    return typeof model === 'string' && this.models.includes(withTag(model));
  }

  private notFound(model: unknown): FakeResponse {
    return ollamaError(404, `model "${String(model)}" not found, try pulling it first`);
  }

  private tags(): FakeResponse {
    return {
      status: 200,
      body: {
        models: this.models.map((name) => ({
          name,
          model: name,
          modified_at: '2026-05-01T10:00:00.000000000Z',
          size: name.startsWith('phi3') ? 2_176_178_913 : 274_302_450,
          digest: createHash('sha256').update(name).digest('hex'),
          details: {
            parent_model: '',
            format: 'gguf',
            family: name.startsWith('phi3') ? 'phi3' : 'nomic-bert',
            families: [name.startsWith('phi3') ? 'phi3' : 'nomic-bert'],
            parameter_size: name.startsWith('phi3') ? '3.8B' : '137M',
            quantization_level: name.startsWith('phi3') ? 'Q4_0' : 'F16',
          },
        })),
      },
    };
  }

  private chat(req: FakeRequest): FakeResponse {
    const body = req.body as { model?: unknown; messages?: ChatMessage[]; stream?: boolean };
    if (typeof body !== 'object' || body === null) return ollamaError(400, 'invalid request body');
    if (!body.model) return ollamaError(400, 'model is required');
    if (!this.has(body.model)) return this.notFound(body.model);
    if (EMBEDDING_DIMENSIONS[withTag(body.model)]) {
      return ollamaError(400, `"${body.model}" does not support chat`);
    }
    const messages = body.messages ?? [];
    const system = messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content ?? '')
      .join('\n');
    const lastUser = [...messages].reverse().find((m) => m.role === 'user');
    const content = fakeAnswer(system, lastUser?.content ?? '');
    const promptEval = fakeTokenCount(messages.map((m) => m.content ?? '').join('\n'));
    const evalCount = fakeTokenCount(content);
    const final = {
      model: body.model,
      created_at: new Date().toISOString(),
      message: { role: 'assistant', content },
      done_reason: 'stop',
      done: true,
      total_duration: 1_200_000 + evalCount * 20_000,
      load_duration: 100_000,
      prompt_eval_count: promptEval,
      prompt_eval_duration: promptEval * 5_000,
      eval_count: evalCount,
      eval_duration: evalCount * 20_000,
    };
    if (body.stream === false) return { status: 200, body: final };
    // Default: a stream of NDJSON objects, the content in pieces, then the stats.
    const words = content.split(/(?<= )/);
    const lines = [
      ...words.map((word) => ({
        model: body.model,
        created_at: final.created_at,
        message: { role: 'assistant', content: word },
        done: false,
      })),
      { ...final, message: { role: 'assistant', content: '' } },
    ];
    return {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson' },
      raw: lines.map((line) => JSON.stringify(line)).join('\n') + '\n',
    };
  }

  private embed(req: FakeRequest): FakeResponse {
    const body = req.body as { model?: unknown; input?: unknown };
    if (typeof body !== 'object' || body === null) return ollamaError(400, 'invalid request body');
    if (!this.has(body.model)) return this.notFound(body.model);
    const dims = EMBEDDING_DIMENSIONS[withTag(body.model)];
    if (!dims) return ollamaError(400, `"${body.model}" does not support embeddings`);
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(inputs) || inputs.some((i) => typeof i !== 'string')) {
      return ollamaError(400, 'invalid input type');
    }
    return {
      status: 200,
      body: {
        model: body.model,
        embeddings: (inputs as string[]).map((text) => fakeEmbedding(text, dims)),
        total_duration: 14_143_917,
        load_duration: 1_019_500,
        prompt_eval_count: fakeTokenCount((inputs as string[]).join(' ')),
      },
    };
  }

  private embedLegacy(req: FakeRequest): FakeResponse {
    const body = req.body as { model?: unknown; prompt?: unknown };
    if (!this.has(body?.model)) return this.notFound(body?.model);
    const dims = EMBEDDING_DIMENSIONS[withTag(body.model)];
    if (!dims) return ollamaError(400, `"${body.model}" does not support embeddings`);
    return {
      status: 200,
      body: { embedding: fakeEmbedding(typeof body.prompt === 'string' ? body.prompt : '', dims) },
    };
  }
}

function withTag(model: string): string {
  return model.includes(':') ? model : `${model}:latest`;
}
