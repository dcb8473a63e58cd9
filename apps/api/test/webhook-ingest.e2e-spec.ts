import { envelope, GeminiFake, inbound, messagesChange, metaJson, signWebhook, status } from '@parley/fakes';
import { Metrics } from '../src/modules/metrics/metrics.service';
import { ConfigLoader as ConfigLoaderRef } from '../src/modules/tenant-config/config-loader.service';
import { bearer, startIsolatedTestApp, TestApp } from './support/test-app';
import { platformAdmin } from './support/fixtures';
import {
  APP_SECRET,
  appUrl,
  ASK_NAME,
  client,
  greetKnown,
  knownUser,
  llmAnswer,
  LOGO,
  messagesOf,
  messagingEnv,
  MiniGraph,
  textDelivery,
  UNSUPPORTED,
  VERIFY_TOKEN,
  waitIdle,
  waTenant,
  waUser,
  WELCOME,
} from './support/messaging';

describe('WhatsApp webhook ingest', () => {
  let graph: MiniGraph;
  let gemini: GeminiFake;
  let t: TestApp;

  beforeAll(async () => {
    [graph, gemini] = await Promise.all([new MiniGraph().start(), new GeminiFake().start()]);
    // A database of its own: apps of other suites on the shared one would run these jobs with their own Graph URL.
    t = await startIsolatedTestApp(messagingEnv(graph, gemini));
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([graph.server.stop(), gemini.stop()]);
  });
  afterEach(() => graph.clearFailures());

  describe('verification handshake', () => {
    it('answers the platform challenge as plain text only for the right token', async () => {
      const ok = await client(t).verify(VERIFY_TOKEN, '1158201444');
      expect(ok).toEqual({ status: 200, body: '1158201444' });
      expect((await client(t).verify('wrong', '1158201444')).status).toBe(403);
      const noMode = await t
        .http()
        .get('/webhooks/whatsapp')
        .query({ 'hub.challenge': '1', 'hub.verify_token': VERIFY_TOKEN });
      expect(noMode.status).toBe(403);
    });

    it("answers a tenant's own app with its own verify token", async () => {
      const tenant = await waTenant(t, { webhook_verify_token: 'tenant-own-verify' });
      const path = `/webhooks/whatsapp/${tenant.id}`;
      expect(await client(t).verify('tenant-own-verify', '42', path)).toEqual({ status: 200, body: '42' });
      expect((await client(t).verify(VERIFY_TOKEN + 'x', '42', path)).status).toBe(403);
      expect((await client(t).verify('anything', '42', '/webhooks/whatsapp/no_such_tenant')).status).toBe(
        403,
      );
    });
  });

  describe('signature', () => {
    it('accepts the exact signed bytes and refuses wrong, missing and re-serialised bodies, storing nothing', async () => {
      const tenant = await waTenant(t);
      const user = waUser('Jürgen');
      const payload = textDelivery(tenant.phoneNumberId, user, 'Grüße aus München ✓');
      const bytes = metaJson(payload);
      expect(bytes).toContain('\\u00fc');
      const wrong = await client(t).deliver(bytes, { signature: signWebhook(bytes, 'not-the-secret') });
      const missing = await client(t).deliver(bytes, { signature: null });
      const malformed = await client(t).deliver(bytes, { signature: 'sha1=abc' });
      // What a server that parsed and re-serialised the JSON would check: a different byte string.
      const reserialised = JSON.stringify(JSON.parse(bytes));
      const resigned = await client(t).deliver(bytes, { signature: signWebhook(reserialised, APP_SECRET) });
      expect([wrong.status, missing.status, malformed.status, resigned.status]).toEqual([401, 401, 401, 401]);
      expect(await messagesOf(t, tenant.id)).toHaveLength(0);

      const ok = await client(t).deliver(bytes);
      expect(ok.status).toBe(200);
      const rows = await messagesOf(t, tenant.id);
      expect(rows[0]).toMatchObject({ direction: 'inbound', type: 'text', text: 'Grüße aus München ✓' });
    });

    it("checks a tenant path against the tenant's own app secret", async () => {
      const tenant = await waTenant(t, { fb_app_secret: 'tenant-own-app-secret-123' });
      const bytes = metaJson(textDelivery(tenant.phoneNumberId, waUser(), 'hi'));
      const path = `/webhooks/whatsapp/${tenant.id}`;
      expect((await client(t).deliver(bytes, { path })).status).toBe(401);
      expect((await client(t).deliver(bytes, { path, secret: 'tenant-own-app-secret-123' })).status).toBe(
        200,
      );
    });

    it('answers 400 to signed bytes that are not JSON and 413 above 3 MB, and counts the rejections', async () => {
      expect((await client(t).deliver('{"object": ')).status).toBe(400);
      const big = Buffer.alloc(3 * 1024 * 1024 + 10, 'a');
      expect((await client(t).deliver(big)).status).toBe(413);
      const metrics = await t.app
        .get(Metrics)
        .registry.getSingleMetricAsString('parley_webhook_deliveries_total');
      for (const reason of ['signature', 'json', 'size'])
        expect(metrics).toMatch(new RegExp(`result="rejected",reason="${reason}"\\} [1-9]`));
    });
  });

  describe('ingest and the pipeline', () => {
    it('stores a text message, answers with the welcome text, logo and greeting, and records the sends', async () => {
      const tenant = await waTenant(t);
      const user = await knownUser(t, tenant);
      expect((await client(t).deliver(textDelivery(tenant.phoneNumberId, user, 'Hello'))).status).toBe(200);
      await waitIdle(t, tenant.id);
      const rows = await messagesOf(t, tenant.id);
      expect(rows.map((r) => [r.direction, r.type, r.status])).toEqual([
        ['inbound', 'text', 'processed'],
        ['outbound', 'text', 'sent'],
        ['outbound', 'image', 'sent'],
        ['outbound', 'text', 'sent'],
      ]);
      expect(rows[1].idempotency_key).toBe(`${rows[0].wamid}:0`);
      expect(rows[1].wamid).toMatch(/^wamid\./);
      const sends = graph.sends(tenant.phoneNumberId);
      expect(sends).toEqual([
        expect.objectContaining({
          messaging_product: 'whatsapp',
          to: `+${user.waId}`,
          type: 'text',
          text: expect.objectContaining({ body: WELCOME }),
          // A quoted reply to the inbound message, with the row's key echoed back in status webhooks.
          context: { message_id: rows[0].wamid },
          biz_opaque_callback_data: rows[1].idempotency_key,
        }),
        expect.objectContaining({
          to: `+${user.waId}`,
          type: 'image',
          image: expect.objectContaining({ link: LOGO }),
        }),
        expect.objectContaining({
          type: 'text',
          text: expect.objectContaining({ body: greetKnown('Asha') }),
          biz_opaque_callback_data: `${rows[0].wamid}:2`,
        }),
      ]);
      // The message is marked read with the typing indicator while the bot works.
      const read = graph.server
        .requests({ path: `/v25.0/${tenant.phoneNumberId}/messages` })
        .map((r) => r.body as Record<string, unknown>)
        .filter((b) => b.status === 'read');
      expect(read).toEqual([
        {
          messaging_product: 'whatsapp',
          status: 'read',
          message_id: rows[0].wamid,
          typing_indicator: { type: 'text' },
        },
      ]);
      // Later messages get one answer from the LLM.
      await client(t).deliver(textDelivery(tenant.phoneNumberId, user, 'Again'));
      await waitIdle(t, tenant.id);
      expect(
        graph
          .sends(tenant.phoneNumberId)
          .slice(3)
          .map((s) => s.text?.body),
      ).toEqual([llmAnswer('Again', user.leadName)]);
      const contact: { profile_name: string; window_expires_at: Date }[] = await t.dataSource.query(
        `SELECT profile_name, window_expires_at FROM contacts WHERE tenant_id = $1`,
        [tenant.id],
      );
      expect(contact[0].profile_name).toBe('Asha');
      expect(new Date(contact[0].window_expires_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    });

    it('stores every message type with its text, and answers what it cannot read politely', async () => {
      const tenant = await waTenant(t);
      const user = await knownUser(t, tenant);
      const messages = [
        inbound.text(user, 'plain text', { timestamp: 1_800_000_001 }),
        inbound.buttonReply(user, 'yes', 'Yes please', { timestamp: 1_800_000_002 }),
        inbound.listReply(user, 'p1', 'Plan A', 'the cheap one', { timestamp: 1_800_000_003 }),
        inbound.button(user, 'Talk to sales', 'SALES', { timestamp: 1_800_000_004 }),
        inbound.image(user, 'my receipt', { timestamp: 1_800_000_005 }),
        inbound.location(
          user,
          { latitude: 12.97, longitude: 77.59, name: 'MG Road' },
          { timestamp: 1_800_000_006 },
        ),
        inbound.audio(user, { timestamp: 1_800_000_007 }),
        inbound.sticker(user, { timestamp: 1_800_000_008 }),
        inbound.unsupported(user, 'edit', { timestamp: 1_800_000_009 }),
      ];
      const payload = envelope({
        changes: [messagesChange({ phoneNumberId: tenant.phoneNumberId, contacts: [user], messages })],
      });
      expect((await client(t).deliver(payload)).status).toBe(200);
      await waitIdle(t, tenant.id);
      const rows = (await messagesOf(t, tenant.id)).filter((r) => r.direction === 'inbound');
      expect(rows.map((r) => [r.type, r.text])).toEqual([
        ['text', 'plain text'],
        ['interactive', 'Yes please'],
        ['interactive', 'Plan A'],
        ['button', 'Talk to sales'],
        ['image', 'my receipt'],
        ['location', '📍 12.97,77.59 MG Road'],
        ['audio', null],
        ['sticker', null],
        ['other', null],
      ]);
      const texts = graph
        .sends(tenant.phoneNumberId)
        .filter((s) => s.type === 'text')
        .map((s) => s.text?.body);
      // In order: the first text is greeted; the other text-bearing messages are answered by the
      // LLM; location, audio, sticker and unsupported get the polite reply.
      expect(texts).toEqual([
        WELCOME,
        greetKnown('Asha'),
        ...['Yes please', 'Plan A', 'Talk to sales', 'my receipt'].map((x) => llmAnswer(x, user.leadName)),
        ...Array(4).fill(UNSUPPORTED),
      ]);
    });

    it('handles two changes and two messages in one payload, a BSUID-only user and several entries', async () => {
      const a = await waTenant(t);
      const b = await waTenant(t);
      const user = waUser();
      const bsuid = { userId: 'US.13491208655302741918', username: 'ravi.k' };
      const payload = envelope(
        {
          changes: [
            messagesChange({
              phoneNumberId: a.phoneNumberId,
              contacts: [user],
              messages: [
                inbound.text(user, 'one', { timestamp: 1_800_000_001 }),
                inbound.text(user, 'two', { timestamp: 1_800_000_002 }),
              ],
            }),
            messagesChange({
              phoneNumberId: b.phoneNumberId,
              contacts: [bsuid],
              messages: [inbound.text(bsuid, 'no number here')],
            }),
          ],
        },
        {
          wabaId: '999',
          changes: [
            messagesChange({
              phoneNumberId: b.phoneNumberId,
              contacts: [user],
              messages: [inbound.text(user, 'entry two')],
            }),
          ],
        },
      );
      expect((await client(t).deliver(payload)).status).toBe(200);
      await waitIdle(t, a.id);
      await waitIdle(t, b.id);
      expect((await messagesOf(t, a.id)).filter((r) => r.direction === 'inbound').map((r) => r.text)).toEqual(
        ['one', 'two'],
      );
      const contacts: { contact_key: string; wa_id: string | null; user_id: string | null }[] =
        await t.dataSource.query(
          `SELECT contact_key, wa_id, user_id FROM contacts WHERE tenant_id = $1 ORDER BY contact_key`,
          [b.id],
        );
      expect(contacts).toEqual(
        expect.arrayContaining([
          { contact_key: bsuid.userId, wa_id: null, user_id: bsuid.userId },
          { contact_key: user.waId, wa_id: user.waId, user_id: null },
        ]),
      );
      // The BSUID-only user is answered through its user id.
      expect(graph.sends(b.phoneNumberId).map((s) => s.to ?? s.recipient)).toEqual(
        expect.arrayContaining([bsuid.userId, `+${user.waId}`]),
      );
    });

    it('stores nothing new and enqueues nothing for duplicates, sequential or concurrent', async () => {
      const tenant = await waTenant(t);
      const user = waUser();
      const bytes = metaJson(textDelivery(tenant.phoneNumberId, user, 'only once'));
      const concurrent = await Promise.all(Array.from({ length: 8 }, () => client(t).deliver(bytes)));
      expect(concurrent.map((r) => r.status)).toEqual(Array(8).fill(200));
      await waitIdle(t, tenant.id);
      expect((await client(t).deliver(bytes)).status).toBe(200);
      await waitIdle(t, tenant.id);
      const jobs: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'messaging-inbound' AND data->>'tenantId' = $1`,
        [tenant.id],
      );
      expect(jobs[0].n).toBe(1);
      const rows = await messagesOf(t, tenant.id);
      expect(rows.filter((r) => r.direction === 'inbound')).toHaveLength(1);
      // One answer: welcome, logo, the capture's question.
      expect(graph.sends(tenant.phoneNumberId).map((s) => s.text?.body ?? s.type)).toEqual([
        WELCOME,
        'image',
        ASK_NAME,
      ]);
    });

    it('handles one user strictly in order under load, and other users in parallel', async () => {
      const tenant = await waTenant(t);
      const users = [waUser('U1'), waUser('U2'), waUser('U3')];
      const base = 1_800_000_000;
      const deliveries = users.flatMap((user) =>
        Array.from({ length: 15 }, (_, i) =>
          textDelivery(tenant.phoneNumberId, user, `m${i}`, { timestamp: base + i }),
        ),
      );
      const results = await Promise.all(deliveries.map((d) => client(t).deliver(d)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      await waitIdle(t, tenant.id, 60_000);
      for (const user of users) {
        const rows = await messagesOf(t, tenant.id, user.waId);
        const inboundIds = rows.filter((r) => r.direction === 'inbound').map((r) => r.id);
        const processedOrder: { id: string }[] = await t.dataSource.query(
          `SELECT id FROM messages WHERE tenant_id = $1 AND contact_key = $2 AND direction = 'inbound'
           ORDER BY status_updated_at, id`,
          [tenant.id, user.waId],
        );
        const byText: { text: string }[] = await t.dataSource.query(
          `SELECT text FROM messages WHERE id = ANY($1) ORDER BY (SELECT min(o.created_at) FROM messages o WHERE o.in_reply_to = messages.id)`,
          [inboundIds],
        );
        expect(byText.map((r) => r.text)).toEqual(Array.from({ length: 15 }, (_, i) => `m${i}`));
        expect(processedOrder).toHaveLength(15);
      }
    }, 90_000);
  });

  describe('statuses', () => {
    it('moves outbound rows forward only, records failures, and keeps a status that came before the send', async () => {
      const tenant = await waTenant(t);
      const user = waUser();
      const early = 'wamid.early0000000000000000';
      graph.nextIds.push(early);
      // Meta reports `delivered` for the first reply before Parley even sent it.
      const pre = envelope({
        changes: [
          messagesChange({
            phoneNumberId: tenant.phoneNumberId,
            statuses: [status(early, 'delivered', user)],
          }),
        ],
      });
      expect((await client(t).deliver(pre)).status).toBe(200);
      await client(t).deliver(textDelivery(tenant.phoneNumberId, user, 'hi'));
      await waitIdle(t, tenant.id);
      let out = (await messagesOf(t, tenant.id)).filter((r) => r.direction === 'outbound');
      expect(out[0]).toMatchObject({ wamid: early, status: 'delivered' });
      const logo = out[1].wamid!;
      const statuses = (...items: Record<string, unknown>[]) =>
        client(t).deliver(
          envelope({ changes: [messagesChange({ phoneNumberId: tenant.phoneNumberId, statuses: items })] }),
        );
      await statuses(status(early, 'read', user), status(logo, 'delivered', user));
      await statuses(status(early, 'sent', user), status(early, 'delivered', user));
      out = (await messagesOf(t, tenant.id)).filter((r) => r.direction === 'outbound');
      expect(out.map((r) => r.status)).toEqual(['read', 'delivered', 'sent']);
      await statuses(
        status(logo, 'failed', user, { errors: [{ code: 131026, title: 'Message undeliverable' }] }),
      );
      out = (await messagesOf(t, tenant.id)).filter((r) => r.direction === 'outbound');
      expect(out[1]).toMatchObject({
        status: 'failed',
        error: { code: 131026, title: 'Message undeliverable' },
      });
      // A repeated status delivery changes nothing.
      expect((await statuses(status(logo, 'failed', user))).status).toBe(200);
    });
  });

  describe('routing', () => {
    it('stores deliveries for unknown numbers as unrouted, folded per number, visible to platform admins, replayable', async () => {
      const root = await platformAdmin(t);
      const number = `77${Date.now()}`;
      const user = waUser();
      const first = textDelivery(number, user, 'anyone there?');
      expect((await client(t).deliver(first)).status).toBe(200);
      expect((await client(t).deliver(textDelivery(number, user, 'hello?'))).status).toBe(200);
      const list = await t
        .http()
        .get('/api/v1/admin/webhooks/unrouted')
        .set(bearer(root.token))
        .query({ page_size: 100 });
      expect(list.status).toBe(200);
      const row = (list.body.items as { id: string; phone_number_id: string }[]).find(
        (r) => r.phone_number_id === number,
      );
      expect(row).toMatchObject({ reason: 'unknown_number', occurrences: 2, event_count: 1 });
      const detail = await t.http().get(`/api/v1/admin/webhooks/unrouted/${row!.id}`).set(bearer(root.token));
      expect(detail.body.payload).toMatchObject({ field: 'messages' });
      const early = await t
        .http()
        .post(`/api/v1/admin/webhooks/unrouted/${row!.id}/replay`)
        .set(bearer(root.token));
      expect(early.status).toBe(409);
      // The number is added to a tenant; the replay then goes through the pipeline.
      const tenant = await waTenant(t);
      await t.dataSource.query(`UPDATE tenant_configs SET phone_number_id = $1 WHERE tenant_id = $2`, [
        number,
        tenant.id,
      ]);
      await t.dataSource.query(`UPDATE phone_numbers SET phone_number_id = $1 WHERE tenant_id = $2`, [
        number,
        tenant.id,
      ]);
      await t.app.get(ConfigLoaderRef).invalidate(tenant.id);
      const replay = await t
        .http()
        .post(`/api/v1/admin/webhooks/unrouted/${row!.id}/replay`)
        .set(bearer(root.token));
      expect(replay.status).toBe(200);
      await waitIdle(t, tenant.id);
      // The folded row holds the latest delivery. Its answer: welcome, logo, the LLM's answer to
      // the question, then the capture's first question.
      expect((await messagesOf(t, tenant.id)).map((r) => r.text)).toEqual([
        'hello?',
        WELCOME,
        null,
        llmAnswer('hello?'),
        ASK_NAME,
      ]);
      const gone = await t.http().get(`/api/v1/admin/webhooks/unrouted/${row!.id}`).set(bearer(root.token));
      expect(gone.status).toBe(404);
      // A tenant admin sees none of it.
      expect(
        (await t.http().get('/api/v1/admin/webhooks/unrouted').set(bearer(tenant.admin.token))).status,
      ).toBe(403);
    });

    it('treats a deactivated configuration as unrouted', async () => {
      const root = await platformAdmin(t);
      const tenant = await waTenant(t, { is_active: false });
      expect((await client(t).deliver(textDelivery(tenant.phoneNumberId, waUser(), 'hi'))).status).toBe(200);
      expect(await messagesOf(t, tenant.id)).toHaveLength(0);
      const list = await t
        .http()
        .get('/api/v1/admin/webhooks/unrouted')
        .set(bearer(root.token))
        .query({ page_size: 100 });
      const row = (list.body.items as { phone_number_id: string; reason: string }[]).find(
        (r) => r.phone_number_id === tenant.phoneNumberId,
      );
      expect(row?.reason).toBe('inactive_tenant');
      const del = await t
        .http()
        .delete(`/api/v1/admin/webhooks/unrouted/${(row as unknown as { id: string }).id}`)
        .set(bearer(root.token));
      expect(del.status).toBe(204);
    });
  });

  it('serves the raw webhook on the same port as the API', () => {
    expect(appUrl(t)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
