import { randomUUID } from 'node:crypto';
import { FakeRequest, FakeResponse, FakeServer } from '../harness/fake-server';
import { fakeAnswer, fakeEmbedding, fakeTokenCount } from '../llm/deterministic';

/**
 * The Gemini Developer API (`/v1beta/models/{model}:generateContent`, `:embedContent`,
 * `:batchEmbedContents`, `GET /v1beta/models`) as @google/generative-ai calls it: key in
 * `x-goog-api-key` (or `?key=`), errors in Google's RPC envelope
 * `{error: {code, message, status, details?}}`. Answers are deterministic (see fakeAnswer);
 * `rateLimit()` and `overloaded()` queue the vendor's 429 (with RetryInfo) and 503 bodies.
 */

export const GEMINI_FAKE_MODELS = [
  'gemini-3.5-flash-lite',
  'gemini-3.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-2.5-flash',
  'gemini-embedding-001',
  'text-embedding-004',
];
const EMBEDDING_MODELS = new Set(['gemini-embedding-001', 'text-embedding-004']);
const DEFAULT_DIMENSIONS: Record<string, number> = {
  'gemini-embedding-001': 3072,
  'text-embedding-004': 768,
};

export interface GeminiFakeOptions {
  /** Keys accepted; empty (default) accepts any non-empty key. */
  keys?: string[];
}

interface Part {
  text?: string;
}
interface Content {
  role?: string;
  parts?: Part[];
}

/** A Google RPC error body, as the Gemini API sends it. */
export function geminiError(
  code: number,
  status: string,
  message: string,
  details?: unknown[],
): FakeResponse {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

export function geminiRateLimited(retryDelaySeconds = 1): FakeResponse {
  return geminiError(
    429,
    'RESOURCE_EXHAUSTED',
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
    [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
            quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [
          {
            description: 'Learn more about Gemini API quotas',
            url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
          },
        ],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` },
    ],
  );
}

export function geminiOverloaded(): FakeResponse {
  return geminiError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
}

export class GeminiFake extends FakeServer {
  private readonly keys: Set<string>;

  constructor(options: GeminiFakeOptions = {}) {
    super('gemini');
    this.keys = new Set(options.keys ?? []);
    this.route('GET', '/:version/models', (req) => this.authorised(req) ?? this.listModels());
    this.route('POST', '/:version/models/:action', (req) => this.authorised(req) ?? this.call(req));
  }

  /** The next `times` calls to `task` (generateContent by default) get a 429 with RetryInfo. */
  rateLimit(retryDelaySeconds = 1, times = 1, task = 'generateContent'): void {
    this.fail({ method: 'POST', path: `:${task}`, response: geminiRateLimited(retryDelaySeconds), times });
  }

  /** Calls to `task` get a 503 UNAVAILABLE (all of them until cleared, or `times`). */
  overloaded(times?: number, task = 'generateContent'): void {
    this.fail({ method: 'POST', path: `:${task}`, response: geminiOverloaded(), times });
  }

  /** Calls to `task` are answered only after `delayMs` (client timeouts). */
  slow(delayMs: number, times?: number, task = 'generateContent'): void {
    this.fail({
      method: 'POST',
      path: `:${task}`,
      response: { ...this.okShape(), delayMs },
      times,
    });
  }

  /** generateContent requests received, with the texts they carried. */
  prompts(): { model: string; system: string; contents: { role: string; text: string }[] }[] {
    return this.requests({ method: 'POST', path: ':generateContent' }).map((r) => {
      const body = r.body as { systemInstruction?: Content; contents?: Content[] };
      return {
        model: modelOf(r.path),
        system: textOf(body.systemInstruction),
        contents: (body.contents ?? []).map((c) => ({ role: c.role ?? 'user', text: textOf(c) })),
      };
    });
  }

  private okShape(): FakeResponse {
    return {
      status: 200,
      body: {
        candidates: [
          { content: { role: 'model', parts: [{ text: 'Late answer.' }] }, finishReason: 'STOP', index: 0 },
        ],
        usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 3, totalTokenCount: 4 },
      },
    };
  }

  private authorised(req: FakeRequest): FakeResponse | null {
    const key = req.headers['x-goog-api-key'] || req.query.key;
    if (!key) {
      return geminiError(
        403,
        'PERMISSION_DENIED',
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
    }
    if (this.keys.size && !this.keys.has(key)) {
      return geminiError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
      ]);
    }
    return null;
  }

  private listModels(): FakeResponse {
    return {
      status: 200,
      body: {
        models: GEMINI_FAKE_MODELS.map((name) => ({
          name: `models/${name}`,
          displayName: name,
          supportedGenerationMethods: EMBEDDING_MODELS.has(name)
            ? ['embedContent', 'batchEmbedContents']
            : ['generateContent', 'countTokens'],
        })),
      },
    };
  }

  private call(req: FakeRequest): FakeResponse {
    const [model, task] = req.params.action.split(':');
    if (req.params.version !== 'v1beta' && req.params.version !== 'v1') {
      return { status: 404, raw: 'Not Found', headers: { 'content-type': 'text/html; charset=UTF-8' } };
    }
    const embedding = EMBEDDING_MODELS.has(model);
    const supported =
      GEMINI_FAKE_MODELS.includes(model) &&
      (embedding ? task === 'embedContent' || task === 'batchEmbedContents' : task === 'generateContent');
    if (!supported) {
      return geminiError(
        404,
        'NOT_FOUND',
        `models/${model} is not found for API version ${req.params.version}, or is not supported for ${task}. Call ListModels to see the list of available models and their supported methods.`,
      );
    }
    if (typeof req.body !== 'object' || req.body === null) {
      return geminiError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    if (task === 'generateContent') return this.generate(model, req.body);
    if (task === 'embedContent') return this.embedOne(model, req.body);
    return this.embedBatch(model, req.body);
  }

  private generate(model: string, body: { systemInstruction?: Content; contents?: Content[] }): FakeResponse {
    const contents = body.contents ?? [];
    if (!contents.length || contents.some((c) => !c.parts?.length)) {
      return geminiError(
        400,
        'INVALID_ARGUMENT',
        '* GenerateContentRequest.contents: contents is not specified\n',
      );
    }
    const bad = contents.find((c) => c.role && c.role !== 'user' && c.role !== 'model');
    if (bad) {
      return geminiError(400, 'INVALID_ARGUMENT', `Please use a valid role: user, model.`);
    }
    const system = textOf(body.systemInstruction);
    const lastUser = [...contents].reverse().find((c) => (c.role ?? 'user') === 'user');
    const text = fakeAnswer(system, textOf(lastUser));
    const promptTokens = fakeTokenCount(system + contents.map(textOf).join('\n'));
    const answerTokens = fakeTokenCount(text);
    return {
      status: 200,
      body: {
        candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: {
          promptTokenCount: promptTokens,
          candidatesTokenCount: answerTokens,
          totalTokenCount: promptTokens + answerTokens,
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
        },
        modelVersion: model,
        responseId: randomUUID().replace(/-/g, '').slice(0, 22),
      },
    };
  }

  private embedOne(model: string, body: EmbedRequest): FakeResponse {
    const problem = embedProblem(body);
    if (problem) return geminiError(400, 'INVALID_ARGUMENT', problem);
    return { status: 200, body: { embedding: { values: embed(model, body) } } };
  }

  private embedBatch(model: string, body: { requests?: EmbedRequest[] }): FakeResponse {
    const requests = body.requests ?? [];
    if (!requests.length)
      return geminiError(
        400,
        'INVALID_ARGUMENT',
        '* BatchEmbedContentsRequest.requests: requests is not specified\n',
      );
    if (requests.length > 100) {
      return geminiError(
        400,
        'INVALID_ARGUMENT',
        '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n',
      );
    }
    for (const [i, request] of requests.entries()) {
      if (request.model !== `models/${model}`) {
        return geminiError(
          400,
          'INVALID_ARGUMENT',
          `* BatchEmbedContentsRequest.requests[${i}].model: unexpected model name format\n`,
        );
      }
      const problem = embedProblem(request);
      if (problem) return geminiError(400, 'INVALID_ARGUMENT', problem);
    }
    return { status: 200, body: { embeddings: requests.map((r) => ({ values: embed(model, r) })) } };
  }
}

interface EmbedRequest {
  model?: string;
  content?: Content;
  taskType?: string;
  outputDimensionality?: number;
}

function embedProblem(request: EmbedRequest): string | null {
  if (!request.content?.parts?.length) return '* EmbedContentRequest.content: contents is not specified\n';
  const dims = request.outputDimensionality;
  if (dims !== undefined && (!Number.isInteger(dims) || dims < 1 || dims > 3072)) {
    return `* EmbedContentRequest.output_dimensionality: must be between 1 and 3072\n`;
  }
  return null;
}

function embed(model: string, request: EmbedRequest): number[] {
  return fakeEmbedding(
    textOf(request.content),
    request.outputDimensionality ?? DEFAULT_DIMENSIONS[model] ?? 768,
  );
}

function textOf(content: Content | undefined): string {
  return (content?.parts ?? [])
    .map((p) => p.text ?? '')
    .filter(Boolean)
    .join('\n');
}

function modelOf(path: string): string {
  return decodeURIComponent(path.split('/models/')[1] ?? '').split(':')[0];
}
