import { GraphFake, graphFailure } from './graph-fake';

describe('GraphFake', () => {
  let meta: GraphFake;
  let token: string;
  const phone = '106540352242922';

  beforeEach(async () => {
    meta = await new GraphFake().start();
    meta.addPhoneNumber(phone);
    token = meta.issueToken([phone]);
  });
  afterEach(() => meta.stop());

  const post = (body: unknown, options: { auth?: string | null; number?: string } = {}) =>
    fetch(`${meta.url}/v25.0/${options.number ?? phone}/messages`, {
      method: 'POST',
      headers: {
        ...(options.auth === null ? {} : { authorization: `Bearer ${options.auth ?? token}` }),
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  const text = (to = '+919876543210', body = 'Hello') => ({
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'text',
    text: { body },
  });

  it('accepts a text message with the real response shape and records it', async () => {
    const res = await post(text());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { id: string }[] };
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+919876543210', wa_id: '919876543210' }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    expect(meta.sentMessages(phone)).toEqual([
      expect.objectContaining({ wamid: body.messages[0].id, to: '+919876543210', type: 'text', token }),
    ]);
  });

  it('sends to a business-scoped user id through `recipient`, and templates report message_status', async () => {
    const res = await post({
      messaging_product: 'whatsapp',
      recipient: 'US.13491208655302741918',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(await res.json()).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: 'US.13491208655302741918', user_id: 'US.13491208655302741918' }],
      messages: [{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }],
    });
  });

  it('validates like Meta: missing fields are code 100, Cloud API limits 131009', async () => {
    const missing = await post({ to: '+1555', type: 'text', text: { body: 'x' } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: {
        message: '(#100) The parameter messaging_product is required.',
        type: 'OAuthException',
        code: 100,
        fbtrace_id: expect.any(String),
      },
    });
    const noBody = await post({ ...text(), text: {} });
    expect(((await noBody.json()) as { error: { code: number } }).error.code).toBe(100);
    const buttons = (titles: string[]) =>
      post({
        messaging_product: 'whatsapp',
        to: '+919876543210',
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Pick one' },
          action: { buttons: titles.map((title) => ({ type: 'reply', reply: { id: title, title } })) },
        },
      });
    const four = await buttons(['a', 'b', 'c', 'd']);
    expect(four.status).toBe(400);
    expect(await four.json()).toMatchObject({
      error: {
        code: 131009,
        error_data: { messaging_product: 'whatsapp', details: expect.stringContaining('Max count: 3') },
      },
    });
    const long = await buttons(['This title is far too long']);
    expect(await long.json()).toMatchObject({ error: { code: 131009 } });
    expect((await buttons(['Yes', 'No'])).status).toBe(200);
    expect(meta.sentMessages()).toHaveLength(1);
  });

  it('refuses missing, unknown and revoked tokens, and numbers the token cannot use', async () => {
    const none = await post(text(), { auth: null });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ error: { code: 104, type: 'OAuthException' } });
    const unknown = await post(text(), { auth: 'EAAGnot-a-token' });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: { code: 190, type: 'OAuthException' } });
    meta.revokeToken(token);
    const revoked = await post(text());
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: 190, error_subcode: 460 } });
    const other = await post(text(), { auth: meta.issueToken(['999']) });
    expect(await other.json()).toMatchObject({ error: { code: 100, error_subcode: 33 } });
    expect(meta.sentMessages()).toHaveLength(0);
  });

  it('refuses free-form messages outside the 24-hour window with 131047, templates still go', async () => {
    meta.closeWindow(phone, '+919876543210');
    const refused = await post(text());
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 131047, error_data: { details: expect.stringContaining('24 hours') } },
    });
    const template = await post({
      messaging_product: 'whatsapp',
      to: '+919876543210',
      type: 'template',
      template: { name: 'follow_up', language: { code: 'en' } },
    });
    expect(template.status).toBe(200);
  });

  it('fails on demand like Meta (in process and over the harness control route)', async () => {
    meta.failNext('throughput', { retryAfterSeconds: 2 });
    const limited = await post(text());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({
      error: { code: 130429, message: '(#130429) Rate limit hit' },
    });
    expect((await post(text())).status).toBe(200);

    await fetch(`${meta.url}/__fake/failures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(graphFailure('server_error', { times: 1, phoneNumberId: phone })),
    });
    const down = await post(text());
    expect(down.status).toBe(500);
    expect(await down.json()).toMatchObject({ error: { code: 2, is_transient: true } });
    expect((await post(text())).status).toBe(200);
  });

  it('fails only sends on demand, never read receipts, with a kind or a verbatim response', async () => {
    const read = { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.ABC' };
    meta.failNextSends('service_unavailable', { times: 2, phoneNumberId: phone });
    expect((await post(read)).status).toBe(200);
    const down = await post(text());
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: { code: 131016 } });
    expect((await post(text())).status).toBe(503);
    expect((await post(text())).status).toBe(200);

    meta.failNextSends({ status: 503, raw: 'Service Unavailable' });
    const bare = await post(text());
    expect(bare.status).toBe(503);
    expect(await bare.text()).toBe('Service Unavailable');
    meta.failNextSends('throughput', { times: Infinity, phoneNumberId: '999' });
    expect((await post(text())).status).toBe(200);
    // A bad token is still refused first.
    meta.failNextSends('token_expired', { times: Infinity });
    expect((await post(text(), { auth: 'EAAGnot-a-token' })).status).toBe(401);
    meta.clearFailures();
    expect((await post(text())).status).toBe(200);
    // Accepted sends only in sentMessages; every attempt (not the receipt) in sendAttempts.
    expect(meta.sentMessages(phone)).toHaveLength(3);
    expect(meta.sendAttempts(phone)).toHaveLength(7);
  });

  it('answers sends with queued wamids first, then random ones', async () => {
    meta.nextWamids('wamid.early1', 'wamid.early2');
    const ids = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await post(text());
      ids.push(((await res.json()) as { messages: { id: string }[] }).messages[0].id);
    }
    expect(ids.slice(0, 2)).toEqual(['wamid.early1', 'wamid.early2']);
    expect(ids[2]).toMatch(/^wamid\.HBgL/);
    expect(meta.sentMessages().map((m) => m.wamid)).toEqual(ids);
  });

  it('marks messages read, with the typing indicator', async () => {
    const res = await post({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.ABC',
      typing_indicator: { type: 'text' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect(meta.state.reads).toEqual([
      expect.objectContaining({ phoneNumberId: phone, messageId: 'wamid.ABC', typing: true }),
    ]);
    const bad = await post({ messaging_product: 'whatsapp', status: 'read', message_id: 'nope' });
    expect(await bad.json()).toMatchObject({ error: { code: 131009 } });
  });
});
