import { GeminiFake } from './gemini-fake';

/** Bodies are asserted loosely, as supertest's are. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

describe('GeminiFake', () => {
  let gemini: GeminiFake;

  beforeEach(async () => {
    gemini = await new GeminiFake({ keys: ['good-key'] }).start();
  });
  afterEach(() => gemini.stop());

  const post = (path: string, body: unknown, key: string | null = 'good-key') =>
    fetch(`${gemini.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-goog-api-key': key } : {}) },
      body: JSON.stringify(body),
    });
  const ask = (system: string, question: string) => ({
    systemInstruction: { parts: [{ text: system }] },
    contents: [{ role: 'user', parts: [{ text: question }] }],
  });

  it('answers deterministically from the question and the first context sentence, with usageMetadata', async () => {
    const system =
      "Be brief. The user's name is Ana.\nContext:\nSource [1]: Prices — https://x.test/p\nA haircut costs 20 euros. Beards are 10.";
    const res = await post('/v1beta/models/gemini-3.5-flash-lite:generateContent', ask(system, 'Prices?'));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.candidates[0]).toMatchObject({ finishReason: 'STOP', index: 0, content: { role: 'model' } });
    expect(body.candidates[0].content.parts[0].text).toBe(
      'You asked: "Prices?". Based on: A haircut costs 20 euros. (for Ana)',
    );
    expect(body.usageMetadata.promptTokenCount).toBeGreaterThan(0);
    expect(body.usageMetadata.totalTokenCount).toBe(
      body.usageMetadata.promptTokenCount + body.usageMetadata.candidatesTokenCount,
    );
    expect(gemini.prompts()[0]).toMatchObject({ model: 'gemini-3.5-flash-lite', system });
  });

  it('refuses a missing key (403) and a wrong key (400 API_KEY_INVALID) in the RPC envelope', async () => {
    const missing = await post('/v1beta/models/gemini-3.5-flash:generateContent', ask('', 'hi'), null);
    expect(missing.status).toBe(403);
    expect((await json(missing)).error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    const wrong = await post('/v1beta/models/gemini-3.5-flash:generateContent', ask('', 'hi'), 'bad');
    expect(wrong.status).toBe(400);
    const { error } = await json(wrong);
    expect(error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(error.details[0]).toMatchObject({ reason: 'API_KEY_INVALID' });
  });

  it('answers 404 NOT_FOUND for an unknown model', async () => {
    const res = await post('/v1beta/models/gemini-1.5-flash:generateContent', ask('', 'hi'));
    expect(res.status).toBe(404);
    expect((await json(res)).error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
  });

  it('queues a 429 with RetryInfo, then answers again; 503 UNAVAILABLE until cleared', async () => {
    gemini.rateLimit(7);
    const limited = await post('/v1beta/models/gemini-3.5-flash:generateContent', ask('', 'hi'));
    expect(limited.status).toBe(429);
    const { error } = await json(limited);
    expect(error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '7s',
    });
    expect((await post('/v1beta/models/gemini-3.5-flash:generateContent', ask('', 'hi'))).status).toBe(200);
    gemini.overloaded();
    const down = await post('/v1beta/models/gemini-3.5-flash:generateContent', ask('', 'hi'));
    expect(down.status).toBe(503);
    expect((await json(down)).error.status).toBe('UNAVAILABLE');
  });

  it('embeds deterministically, normalised, at the asked dimensionality; similar texts are closer', async () => {
    const res = await post('/v1beta/models/gemini-embedding-001:batchEmbedContents', {
      requests: ['opening hours of the shop', 'shop opening hours', 'quantum chromodynamics'].map((text) => ({
        model: 'models/gemini-embedding-001',
        content: { parts: [{ text }] },
        taskType: 'RETRIEVAL_DOCUMENT',
        outputDimensionality: 768,
      })),
    });
    expect(res.status).toBe(200);
    const { embeddings } = (await json(res)) as { embeddings: { values: number[] }[] };
    const [a, b, c] = embeddings.map((e) => e.values);
    expect(a).toHaveLength(768);
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(a, a)).toBeCloseTo(1, 6);
    expect(dot(a, b)).toBeGreaterThan(0.7);
    expect(Math.abs(dot(a, c))).toBeLessThan(0.3);

    const one = await post('/v1beta/models/gemini-embedding-001:embedContent', {
      content: { parts: [{ text: 'shop opening hours' }] },
      outputDimensionality: 768,
    });
    expect((await json(one)).embedding.values).toEqual(b);
    const wrongModel = await post('/v1beta/models/gemini-embedding-001:batchEmbedContents', {
      requests: [{ model: 'models/other', content: { parts: [{ text: 'x' }] } }],
    });
    expect(wrongModel.status).toBe(400);
  });
});
