import { GeminiFake, OllamaFake } from '@parley/fakes';
import { loadConfig } from '../../../config/config';
import { GeminiEmbeddingProvider } from './gemini-embedding.provider';
import { GeminiModelCheck } from './gemini-model-check';
import { GeminiLlmProvider } from './gemini-llm.provider';
import { LlmUnavailableError } from './llm.port';
import { OllamaEmbeddingProvider } from './ollama-embedding.provider';
import { OllamaLlmProvider } from './ollama-llm.provider';

const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i], 0);

describe('LLM adapters against the vendor fakes', () => {
  let gemini: GeminiFake;
  let ollama: OllamaFake;

  beforeAll(async () => {
    gemini = await new GeminiFake({ keys: ['k1'] }).start();
    ollama = await new OllamaFake().start();
  });
  afterAll(async () => {
    await gemini.stop();
    await ollama.stop();
  });
  beforeEach(() => {
    gemini.clearRequests();
    gemini.clearFailures();
    ollama.clearRequests();
    ollama.clearFailures();
  });

  const geminiLlm = (apiKey: string | null = 'k1') =>
    new GeminiLlmProvider({
      baseUrl: `${gemini.url}/`,
      apiKey,
      model: 'gemini-3.5-flash-lite',
      timeoutMs: 2000,
      retryMaxDelayMs: 50,
    });

  it('Gemini: sends system instruction and user/model turns (merged, user first) with the key header', async () => {
    const answer = await geminiLlm().generate({
      systemPrompt: 'Be short.',
      messages: [
        { role: 'assistant', text: 'Welcome!' },
        { role: 'user', text: 'hi' },
        { role: 'user', text: 'there' },
        { role: 'assistant', text: 'Hello' },
        { role: 'user', text: 'Prices?' },
      ],
    });
    expect(answer).toMatchObject({ text: 'You asked: "Prices?".', model: 'gemini-3.5-flash-lite' });
    const [request] = gemini.requests({ path: ':generateContent' });
    expect(request.path).toBe('/v1beta/models/gemini-3.5-flash-lite:generateContent');
    expect(request.headers['x-goog-api-key']).toBe('k1');
    expect(request.body).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be short.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'hi' }, { text: 'there' }] },
        { role: 'model', parts: [{ text: 'Hello' }] },
        { role: 'user', parts: [{ text: 'Prices?' }] },
      ],
    });
  });

  it('Gemini: a bad key, an unknown model and a missing key are LlmUnavailableError with the status', async () => {
    await expect(
      geminiLlm('nope').generate({ systemPrompt: '', messages: [{ role: 'user', text: 'x' }] }),
    ).rejects.toMatchObject({
      name: 'LlmUnavailableError',
      status: 400,
    });
    await expect(
      geminiLlm().generate({
        systemPrompt: '',
        messages: [{ role: 'user', text: 'x' }],
        model: 'gemini-1.0-pro',
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      geminiLlm(null).generate({ systemPrompt: '', messages: [{ role: 'user', text: 'x' }] }),
    ).rejects.toBeInstanceOf(LlmUnavailableError);
  });

  it('Gemini embeddings: batches of at most 100, asked dimensionality, unit vectors, task types', async () => {
    const provider = new GeminiEmbeddingProvider({
      baseUrl: gemini.url,
      apiKey: 'k1',
      model: 'gemini-embedding-001',
      dimensions: 768,
      timeoutMs: 2000,
    });
    expect(provider.space).toBe('gemini:gemini-embedding-001:768');
    const texts = Array.from({ length: 150 }, (_, i) => `page ${i} about opening hours`);
    const vectors = await provider.embed(texts, 'document');
    expect(vectors).toHaveLength(150);
    expect(vectors[0]).toHaveLength(768);
    expect(dot(vectors[0], vectors[0])).toBeCloseTo(1, 6);
    const batches = gemini.requests({ path: ':batchEmbedContents' });
    expect(batches.map((b) => (b.body as { requests: unknown[] }).requests.length)).toEqual([100, 50]);
    expect((batches[0].body as { requests: object[] }).requests[0]).toMatchObject({
      model: 'models/gemini-embedding-001',
      taskType: 'RETRIEVAL_DOCUMENT',
      outputDimensionality: 768,
    });
    const [query] = await provider.embed(['opening hours'], 'query');
    expect(dot(query, vectors[3])).toBeGreaterThan(0.5);

    gemini.overloaded(1, 'batchEmbedContents');
    await expect(provider.embed(['x'], 'query')).rejects.toBeInstanceOf(LlmUnavailableError);
  });

  it('Ollama: chat without streaming, with the system prompt first; errors carry Ollama’s message', async () => {
    const provider = new OllamaLlmProvider({ host: ollama.url, model: 'phi3:mini', timeoutMs: 2000 });
    const answer = await provider.generate({
      systemPrompt: 'Context:\nWe open at 9. Closed Sundays.',
      messages: [{ role: 'user', text: 'When?' }],
    });
    expect(answer).toMatchObject({ text: 'You asked: "When?". Based on: We open at 9.', model: 'phi3:mini' });
    expect(answer.promptTokens).toBeGreaterThan(0);
    expect(ollama.requests({ path: '/api/chat' })[0].body).toMatchObject({
      model: 'phi3:mini',
      stream: false,
      messages: [{ role: 'system' }, { role: 'user', content: 'When?' }],
    });
    await expect(
      provider.generate({ systemPrompt: '', messages: [{ role: 'user', text: 'x' }], model: 'llama9' }),
    ).rejects.toMatchObject({ status: 404, message: expect.stringContaining('model "llama9" not found') });
    ollama.slow(1500, 1);
    const slow = new OllamaLlmProvider({ host: ollama.url, model: 'phi3:mini', timeoutMs: 200 });
    await expect(
      slow.generate({ systemPrompt: '', messages: [{ role: 'user', text: 'x' }] }),
    ).rejects.toThrow('Ollama did not answer within 200 ms');
  });

  it('Ollama embeddings: nomic task prefixes, 768 unit vectors', async () => {
    const provider = new OllamaEmbeddingProvider({
      host: ollama.url,
      model: 'nomic-embed-text',
      dimensions: 768,
      timeoutMs: 2000,
    });
    const [doc] = await provider.embed(['Returns are free'], 'document');
    await provider.embed(['free returns?'], 'query');
    expect(doc).toHaveLength(768);
    expect(dot(doc, doc)).toBeCloseTo(1, 6);
    const inputs = ollama
      .requests({ path: '/api/embed' })
      .map((r) => (r.body as { input: string[] }).input[0]);
    expect(inputs).toEqual(['search_document: Returns are free', 'search_query: free returns?']);
  });

  it('finds configured Gemini models the API does not list', async () => {
    const check = (model: string) =>
      new GeminiModelCheck(
        loadConfig({
          DATA_DIR: '/tmp',
          JWT_SECRET: 'x'.repeat(32),
          ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
          GEMINI_API_BASE_URL: gemini.url,
          GEMINI_API_KEY: 'k1',
          GEMINI_MODEL: model,
        }),
      ).missingModels();
    expect(await check('gemini-3.5-flash-lite')).toEqual([]);
    expect(await check('gemini-1.5-flash')).toEqual(['gemini-1.5-flash']);
  });
});
