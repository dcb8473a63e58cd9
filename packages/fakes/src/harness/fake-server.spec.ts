import { FakeServer } from './fake-server';

describe('FakeServer', () => {
  let fake: FakeServer;

  beforeEach(async () => {
    fake = new FakeServer('demo');
    fake.route('POST', '/:version/:id/messages', (req) => ({
      status: 200,
      body: { version: req.params.version, id: req.params.id, got: req.body },
    }));
    await fake.start();
  });
  afterEach(() => fake.stop());

  const post = (path: string, body: unknown) =>
    fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify(body),
    });

  it('routes by method and path parameters and records what it got', async () => {
    const res = await post('/v25.0/123/messages?x=1', { hello: 'world' });
    expect(await res.json()).toEqual({ version: 'v25.0', id: '123', got: { hello: 'world' } });
    const [recorded] = fake.requests({ path: '/messages' });
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v25.0/123/messages',
      query: { x: '1' },
      body: { hello: 'world' },
    });
    expect(recorded.headers.authorization).toBe('Bearer t');
  });

  it('answers unknown routes with 404', async () => {
    expect((await fetch(`${fake.url}/nope`)).status).toBe(404);
  });

  it('fails a given number of matching requests, then recovers', async () => {
    fake.fail({ path: '/messages', times: 2, response: { status: 429, body: { error: 'slow down' } } });
    expect((await post('/v1/1/messages', {})).status).toBe(429);
    expect((await post('/v1/1/messages', {})).status).toBe(429);
    expect((await post('/v1/1/messages', {})).status).toBe(200);
  });

  it('fails for a while, matching paths by regular expression', async () => {
    fake.fail({ path: '/^\\/v1\\/\\d+\\/messages$/', durationMs: 150, response: { status: 500 } });
    expect((await post('/v1/1/messages', {})).status).toBe(500);
    await new Promise((r) => setTimeout(r, 200));
    expect((await post('/v1/1/messages', {})).status).toBe(200);
  });

  it('can be driven over HTTP from another process', async () => {
    await fetch(`${fake.url}/__fake/failures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', times: 1, response: { status: 503 } }),
    });
    expect((await post('/v1/9/messages', {})).status).toBe(503);
    const listed = (await (await fetch(`${fake.url}/__fake/requests?path=/messages`)).json()) as {
      requests: unknown[];
    };
    expect(listed.requests).toHaveLength(1);
    await fetch(`${fake.url}/__fake/requests`, { method: 'DELETE' });
    expect(fake.requests()).toHaveLength(0);
  });

  it('delays an answer when told to', async () => {
    fake.fail({ times: 1, response: { status: 200, body: {}, delayMs: 120 } });
    const started = Date.now();
    await post('/v1/1/messages', {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});
