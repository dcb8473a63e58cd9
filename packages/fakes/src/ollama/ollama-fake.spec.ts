import { OllamaFake } from './ollama-fake';

/** Bodies are asserted loosely, as supertest's are. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

describe('OllamaFake', () => {
  let ollama: OllamaFake;

  beforeEach(async () => {
    ollama = await new OllamaFake().start();
  });
  afterEach(() => ollama.stop());

  const post = (path: string, body: unknown) =>
    fetch(`${ollama.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('chats without streaming: the answer depends on the prompt, with eval counts', async () => {
    const res = await post('/api/chat', {
      model: 'phi3:mini',
      stream: false,
      messages: [
        { role: 'system', content: 'Context:\nWe open at 9. We close at 5.' },
        { role: 'user', content: 'When do you open?' },
      ],
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      model: 'phi3:mini',
      done: true,
      done_reason: 'stop',
      message: { role: 'assistant', content: 'You asked: "When do you open?". Based on: We open at 9.' },
    });
    expect(body.prompt_eval_count).toBeGreaterThan(0);
    expect(body.eval_count).toBeGreaterThan(0);
  });

  it('streams NDJSON by default, ending with done: true', async () => {
    const res = await post('/api/chat', {
      model: 'phi3:mini',
      messages: [{ role: 'user', content: 'hi there' }],
    });
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ done: true });
    expect(
      lines
        .slice(0, -1)
        .map((l) => l.message.content)
        .join(''),
    ).toBe('You asked: "hi there".');
  });

  it('answers 404 {error} for a model that is not pulled, and 500 {error} when told to fail', async () => {
    const missing = await post('/api/chat', { model: 'llama3', stream: false, messages: [] });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ error: 'model "llama3" not found, try pulling it first' });
    ollama.down(1);
    const down = await post('/api/chat', { model: 'phi3:mini', stream: false, messages: [] });
    expect(down.status).toBe(500);
    expect(Object.keys(await json(down))).toEqual(['error']);
  });

  it('embeds with /api/embed (768 dims for nomic-embed-text) and lists models in /api/tags', async () => {
    const res = await post('/api/embed', { model: 'nomic-embed-text', input: ['a cat', 'a cat'] });
    const body = await json(res);
    expect(body.embeddings).toHaveLength(2);
    expect(body.embeddings[0]).toHaveLength(768);
    expect(body.embeddings[0]).toEqual(body.embeddings[1]);
    const tags = await json(await fetch(`${ollama.url}/api/tags`));
    expect(tags.models.map((m: { name: string }) => m.name)).toContain('phi3:mini');
  });
});
