import { GeminiFake, metaJson } from '@parley/fakes';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ASK_NAME,
  client,
  messagesOf,
  messagingEnv,
  MiniGraph,
  textDelivery,
  waitIdle,
  waTenant,
  waUser,
  WELCOME,
} from './support/messaging';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** The pipeline on the embedded database (PGlite: one connection's work at a time). */
describe('messaging on the embedded database', () => {
  let graph: MiniGraph;
  let gemini: GeminiFake;
  let t: TestApp;

  beforeAll(async () => {
    [graph, gemini] = await Promise.all([new MiniGraph().start(), new GeminiFake().start()]);
    t = await startTestApp({
      ...messagingEnv(graph, gemini),
      DATABASE_URL: undefined,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-embedded-messaging-')),
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([graph.server.stop(), gemini.stop()]);
  });

  it('stores, deduplicates, answers and captures playground replies', async () => {
    expect((await t.http().get('/health')).body).toMatchObject({ mode: 'embedded' });
    const tenant = await waTenant(t);
    const user = waUser();
    const bytes = metaJson(textDelivery(tenant.phoneNumberId, user, 'hello'));
    const results = await Promise.all(Array.from({ length: 5 }, () => client(t).deliver(bytes)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await waitIdle(t, tenant.id);
    expect((await messagesOf(t, tenant.id)).map((r) => [r.direction, r.status])).toEqual([
      ['inbound', 'processed'],
      ['outbound', 'sent'],
      ['outbound', 'sent'],
      ['outbound', 'sent'],
    ]);
    expect(graph.sends(tenant.phoneNumberId).map((s) => s.text?.body ?? s.type)).toEqual([
      WELCOME,
      'image',
      ASK_NAME,
    ]);
    const played = await t
      .http()
      .post('/api/v1/tenant/playground/messages')
      .set(bearer(tenant.admin.token))
      .send({ from: '919811111111', text: 'hi' });
    expect(played.status).toBe(200);
    expect(played.body.replies[0]).toEqual({ type: 'text', text: WELCOME });
  });
});
