import { classifyReply, GraphReply } from './graph-errors';

const graph = (
  status: number,
  code: number,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  ({
    status,
    headers: new Headers(headers),
    body: {
      error: {
        message: `(#${code}) something`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: 'why' },
        fbtrace_id: 'AbC',
        ...extra,
      },
    },
  }) satisfies GraphReply;

describe('classifyReply', () => {
  it('reads the wamid of a success', () => {
    const reply: GraphReply = {
      status: 200,
      headers: new Headers(),
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: '+1', wa_id: '1' }],
        messages: [{ id: 'wamid.X' }],
      },
    };
    expect(classifyReply(reply)).toEqual({ kind: 'sent', wamid: 'wamid.X' });
  });

  it.each([
    [429, 130429, 'number'],
    [400, 130429, 'number'],
    [429, 131056, 'recipient'],
    [400, 131056, 'recipient'],
    [500, 2, null],
    [503, 131016, null],
    [400, 131057, null],
    [400, 4, null],
    [400, 80007, null],
  ])('HTTP %i code %i is a retry (scope %s)', (status, code, scope) => {
    expect(classifyReply(graph(status, code))).toMatchObject({
      kind: 'retry',
      scope,
      error: { code, title: `(#${code}) something`, detail: 'why', httpStatus: status },
    });
  });

  it('honours Retry-After in seconds and as a date', () => {
    expect(classifyReply(graph(429, 130429, {}, { 'retry-after': '3' }))).toMatchObject({
      retryAfterHeaderMs: 3000,
    });
    const at = new Date(Date.now() + 10_000).toUTCString();
    const dated = classifyReply(graph(429, 130429, {}, { 'retry-after': at }));
    expect(dated.kind === 'retry' && dated.retryAfterHeaderMs).toBeGreaterThan(8000);
  });

  it.each([
    [401, 190],
    [401, 0],
  ])('HTTP %i code %i is an auth failure', (status, code) => {
    expect(classifyReply(graph(status, code))).toMatchObject({ kind: 'auth', error: { code } });
  });

  it('131047 is a closed window, synchronous or not', () => {
    expect(classifyReply(graph(400, 131047))).toMatchObject({
      kind: 'window_closed',
      error: { code: 131047 },
    });
  });

  it.each([
    [400, 100],
    [400, 131009],
    [400, 131026],
    [403, 10],
    [403, 200],
    [400, 132001],
    [403, 368],
  ])('HTTP %i code %i is rejected', (status, code) => {
    expect(classifyReply(graph(status, code))).toMatchObject({ kind: 'rejected', error: { code } });
  });

  it('uses the HTTP status where there is no Graph body', () => {
    const bare = (status: number) => classifyReply({ status, headers: new Headers(), body: null });
    expect(bare(502)).toMatchObject({ kind: 'retry', error: { code: 502, httpStatus: 502 } });
    expect(bare(429)).toMatchObject({ kind: 'retry', scope: 'number' });
    expect(bare(404)).toMatchObject({ kind: 'rejected', error: { code: 404 } });
    expect(classifyReply({ status: 200, headers: new Headers(), body: { messages: [] } })).toMatchObject({
      kind: 'rejected',
    });
  });

  it('a transient flag makes an unknown code a retry', () => {
    expect(classifyReply(graph(400, 12345, { is_transient: true }))).toMatchObject({ kind: 'retry' });
  });
});
