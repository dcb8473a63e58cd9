import { envelope, GeminiFake, inbound, messagesChange, status } from '@parley/fakes';
import fc from 'fast-check';
import { InboundWorker } from '../src/modules/messaging/inbound.worker';
import { MessagingRepository } from '../src/modules/messaging/messaging.repository';
import { randomUUID } from 'node:crypto';
import { platformAdmin } from './support/fixtures';
import {
  ASK_NAME,
  client,
  graphError,
  greetKnown,
  knownUser,
  llmAnswer,
  LOGO,
  messagesOf,
  messagingEnv,
  MiniGraph,
  textDelivery,
  waitIdle,
  waTenant,
  waUser,
  WELCOME,
} from './support/messaging';
import { bearer, startIsolatedTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

describe('Messaging pipeline', () => {
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

  const outbound = async (tenantId: string) =>
    (await messagesOf(t, tenantId)).filter((r) => r.direction === 'outbound');

  describe('sending', () => {
    it.each([
      ['throughput error 130429', graphError(130429, 'Rate limit hit', 400)],
      [
        'HTTP 429',
        { status: 429, body: { error: { message: 'Too many calls', type: 'OAuthException', code: 4 } } },
      ],
      ['HTTP 503 without a Graph body', { status: 503, raw: 'Service Unavailable' }],
    ])('retries after %s and then sends each reply exactly once', async (_label, response) => {
      const tenant = await waTenant(t);
      graph.failSends(tenant.phoneNumberId, response, 1);
      await client(t).deliver(textDelivery(tenant.phoneNumberId, waUser(), 'hi'));
      await waitIdle(t, tenant.id, 20_000);
      // The chat engine's first answer to a new contact: welcome, logo, the lead capture's question.
      expect((await outbound(tenant.id)).map((r) => [r.type, r.text, r.status])).toEqual([
        ['text', WELCOME, 'sent'],
        ['image', null, 'sent'],
        ['text', ASK_NAME, 'sent'],
      ]);
      // One refused attempt, then each reply once.
      expect(graph.sends(tenant.phoneNumberId)).toHaveLength(4);
    });

    it('marks the credential invalid on a token error (190) and stops calling Meta for the tenant', async () => {
      const tenant = await waTenant(t);
      graph.failSends(
        tenant.phoneNumberId,
        graphError(190, 'Error validating access token: Session has expired', 401),
      );
      const user = await knownUser(t, tenant);
      await client(t).deliver(textDelivery(tenant.phoneNumberId, user, 'hi'));
      await waitIdle(t, tenant.id);
      const calls = graph.server.requests({ path: `/v25.0/${tenant.phoneNumberId}/messages` }).length;
      expect(graph.sends(tenant.phoneNumberId)).toHaveLength(1);
      const health = await t.http().get('/api/v1/tenant/health').set(bearer(tenant.admin.token));
      expect(JSON.stringify(health.body)).toContain('invalid');
      await client(t).deliver(textDelivery(tenant.phoneNumberId, user, 'hello?'));
      await waitIdle(t, tenant.id);
      expect(graph.server.requests({ path: `/v25.0/${tenant.phoneNumberId}/messages` })).toHaveLength(calls);
      const rows = await outbound(tenant.id);
      // Welcome, logo, greeting; then the LLM's answer: none reached Meta after the first refusal.
      expect(rows.map((r) => r.text)).toEqual([
        WELCOME,
        null,
        greetKnown('Asha'),
        llmAnswer('hello?', user.leadName),
      ]);
      expect(rows.every((r) => r.status === 'failed' && r.error?.code === 190)).toBe(true);
      // The tenant sees why in its conversation.
      const list = await t.http().get('/api/v1/tenant/conversations').set(bearer(tenant.admin.token));
      const messages = await t
        .http()
        .get(`/api/v1/tenant/conversations/${list.body.items[0].id}/messages`)
        .set(bearer(tenant.admin.token));
      expect(messages.body.items.filter((m: { status: string }) => m.status === 'failed')).toHaveLength(4);
    });

    it("sends the tenant's re-engagement template when the 24-hour window is closed (131047), else records the failure", async () => {
      const withTemplate = await waTenant(t);
      const without = await waTenant(t);
      const patched = await t
        .http()
        .patch('/api/v1/tenant/settings')
        .set(bearer(withTemplate.admin.token))
        .send({ reengagement_template: { name: 'hello_again', language: 'en_US' } });
      expect(patched.status).toBe(200);
      expect(patched.body.reengagement_template).toEqual({ name: 'hello_again', language: 'en_US' });
      const bad = await t
        .http()
        .patch('/api/v1/tenant/settings')
        .set(bearer(without.admin.token))
        .send({ reengagement_template: { name: 'Hello Again!', language: 'en_US' } });
      expect(bad.status).toBe(400);
      for (const tenant of [withTemplate, without]) {
        const user = await knownUser(t, tenant);
        await client(t).deliver(textDelivery(tenant.phoneNumberId, user, 'first'));
        await waitIdle(t, tenant.id);
        graph.failSends(tenant.phoneNumberId, graphError(131047, 'Re-engagement message', 400), 1);
        await client(t).deliver(textDelivery(tenant.phoneNumberId, user, 'later'));
        await waitIdle(t, tenant.id);
      }
      const a = await outbound(withTemplate.id);
      // After welcome, logo and greeting: the LLM's answer to 'later' refused, the template instead.
      expect(a.slice(3).map((r) => [r.type, r.status, r.error?.code ?? null])).toEqual([
        ['text', 'failed', 131047],
        ['template', 'sent', null],
      ]);
      const sentTemplate = graph.sends(withTemplate.phoneNumberId).at(-1);
      expect(sentTemplate).toMatchObject({
        type: 'template',
        template: { name: 'hello_again', language: { code: 'en_US' } },
      });
      const b = await outbound(without.id);
      expect(b.slice(3).map((r) => [r.type, r.status, r.error?.code ?? null])).toEqual([
        ['text', 'failed', 131047],
      ]);
    });
  });

  describe('window closed after the send', () => {
    it('queues the re-engagement template once when a failed status reports 131047', async () => {
      const tenant = await waTenant(t);
      await t
        .http()
        .patch('/api/v1/tenant/settings')
        .set(bearer(tenant.admin.token))
        .send({ reengagement_template: { name: 'hello_again', language: 'en_US' } });
      const user = waUser();
      await client(t).deliver(textDelivery(tenant.phoneNumberId, user, 'hi'));
      await waitIdle(t, tenant.id);
      const [text] = await outbound(tenant.id);
      const failed = envelope({
        changes: [
          messagesChange({
            phoneNumberId: tenant.phoneNumberId,
            statuses: [
              status(text.wamid!, 'failed', user, {
                errors: [{ code: 131047, title: 'Re-engagement message' }],
              }),
            ],
          }),
        ],
      });
      expect((await client(t).deliver(failed)).status).toBe(200);
      await waitIdle(t, tenant.id);
      expect((await client(t).deliver(failed)).status).toBe(200);
      await waitIdle(t, tenant.id);
      expect((await outbound(tenant.id)).map((r) => [r.type, r.status, r.error?.code ?? null])).toEqual([
        ['text', 'failed', 131047],
        ['image', 'sent', null],
        ['text', 'sent', null],
        ['template', 'sent', null],
      ]);
      expect(graph.sends(tenant.phoneNumberId).at(-1)).toMatchObject({
        type: 'template',
        template: { name: 'hello_again', language: { code: 'en_US' } },
      });
    });
  });

  describe('crash recovery', () => {
    const jobFor = (tenantId: string, contactKey: string) => ({
      id: 'x',
      name: 'messaging-inbound',
      data: { tenantId, contactKey },
      retryCount: 0,
      retryLimit: 2,
    });

    /** The state a worker leaves when it dies holding the lease: the lease has run out since. */
    const crashedConversation = async (tenantId: string, contactKey: string) => {
      const id = await t.app.get(MessagingRepository).ensureConversation(tenantId, contactKey);
      await t.dataSource.query(
        `UPDATE conversations SET lease_until = now() - interval '1 minute' WHERE id = $1`,
        [id],
      );
      return id!;
    };

    it('re-runs a job that died before committing, and sends each reply once', async () => {
      const tenant = await waTenant(t);
      const user = waUser();
      const wamid = `wamid.crash${randomUUID().slice(0, 8)}`;
      // A worker took the message, ran the engine and died before its commit.
      await t.dataSource.query(
        `INSERT INTO messages (tenant_id, phone_number_id, contact_key, wa_id, direction, type, text, status, wamid, created_at)
         VALUES ($1, $2, $3, $3, 'inbound', 'text', 'hello', 'processing', $4, now() - interval '2 minutes')`,
        [tenant.id, tenant.phoneNumberId, user.waId, wamid],
      );
      await crashedConversation(tenant.id, user.waId);
      // Recovery: the sweep finds it and a worker finishes it; running the job again changes nothing.
      expect(await t.app.get(InboundWorker).sweep()).toBeGreaterThanOrEqual(1);
      await waitIdle(t, tenant.id);
      await t.app.get(InboundWorker).run(jobFor(tenant.id, user.waId));
      expect(graph.sends(tenant.phoneNumberId).map((s) => s.text?.body ?? s.type)).toEqual([
        WELCOME,
        'image',
        ASK_NAME,
      ]);
      expect((await outbound(tenant.id)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    });

    it('sends replies committed by a job that died before sending once, even with three jobs at once or a lost answer', async () => {
      const tenant = await waTenant(t);
      const user = waUser();
      const wamid = `wamid.crash${randomUUID().slice(0, 8)}`;
      const [{ id: inboundId }]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO messages (tenant_id, phone_number_id, contact_key, wa_id, direction, type, text, status, wamid)
         VALUES ($1, $2, $3, $3, 'inbound', 'text', 'hello', 'processed', $4) RETURNING id`,
        [tenant.id, tenant.phoneNumberId, user.waId, wamid],
      );
      const conversationId = await crashedConversation(tenant.id, user.waId);
      // The dead worker's commit: two replies queued, none sent.
      for (const [index, reply] of [
        { type: 'text', text: 'one' },
        { type: 'text', text: 'two' },
      ].entries())
        await t.dataSource.query(
          `INSERT INTO messages (tenant_id, phone_number_id, conversation_id, contact_key, wa_id, direction, type, text,
                                 raw, status, idempotency_key, in_reply_to, reply_index, created_at)
           VALUES ($1, $2, $3, $4, $4, 'outbound', 'text', $5, $6, 'queued', $7, $8, $9, clock_timestamp())`,
          [
            tenant.id,
            tenant.phoneNumberId,
            conversationId,
            user.waId,
            reply.text,
            reply,
            `${wamid}:${index}`,
            inboundId,
            index,
          ],
        );
      const worker = t.app.get(InboundWorker);
      await Promise.all([1, 2, 3].map(() => worker.run(jobFor(tenant.id, user.waId))));
      await waitIdle(t, tenant.id);
      expect(graph.sends(tenant.phoneNumberId).map((s) => s.text?.body)).toEqual(['one', 'two']);
      // A crash after Meta accepted the sends but before their wamids were stored: the sender's
      // ledger answers from the first result, Meta is not called again.
      await t.dataSource.query(
        `UPDATE messages SET status = 'queued' WHERE conversation_id = $1 AND direction = 'outbound'`,
        [conversationId],
      );
      await t.dataSource.query(`UPDATE conversations SET lease_until = NULL WHERE id = $1`, [conversationId]);
      await worker.run(jobFor(tenant.id, user.waId));
      expect(graph.sends(tenant.phoneNumberId)).toHaveLength(2);
      expect((await outbound(tenant.id)).map((r) => r.status)).toEqual(['sent', 'sent']);
    });
  });

  describe('dead letters', () => {
    it('parks a job that exhausted its retries for platform admins, who can replay or discard it', async () => {
      const root = await platformAdmin(t);
      const tenant = await waTenant(t);
      graph.failSends(tenant.phoneNumberId, graphError(131016, 'Service unavailable', 503));
      await client(t).deliver(textDelivery(tenant.phoneNumberId, waUser(), 'hi'));
      let letter: { id: string; tenant_id: string; queue: string; attempts: number } | undefined;
      await waitFor(async () => {
        const list = await t
          .http()
          .get('/api/v1/admin/dead-letters')
          .set(bearer(root.token))
          .query({ page_size: 100 });
        letter = (list.body.items as (typeof letter)[]).find((l) => l?.tenant_id === tenant.id);
        return letter !== undefined;
      }, 30_000);
      expect(letter).toMatchObject({ queue: 'messaging-inbound', attempts: 3 });
      expect((await outbound(tenant.id)).map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
      const detail = await t.http().get(`/api/v1/admin/dead-letters/${letter!.id}`).set(bearer(root.token));
      expect(detail.body).toMatchObject({ payload: { tenantId: tenant.id } });
      expect((await t.http().get('/api/v1/admin/dead-letters').set(bearer(tenant.admin.token))).status).toBe(
        403,
      );
      graph.clearFailures();
      const replay = await t
        .http()
        .post(`/api/v1/admin/dead-letters/${letter!.id}/replay`)
        .set(bearer(root.token));
      expect(replay.status).toBe(200);
      await waitIdle(t, tenant.id);
      expect((await outbound(tenant.id)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
      expect(
        (await t.http().delete(`/api/v1/admin/dead-letters/${letter!.id}`).set(bearer(root.token))).status,
      ).toBe(404);
    }, 45_000);
  });

  describe('conversations API', () => {
    it("lists a tenant's conversations with the last message and window, and only its own", async () => {
      const a = await waTenant(t);
      const b = await waTenant(t);
      const user = waUser('Meera Nair');
      await client(t).deliver(textDelivery(a.phoneNumberId, user, 'hi'));
      await client(t).deliver(textDelivery(b.phoneNumberId, waUser('Other'), 'hi'));
      await waitIdle(t, a.id);
      await waitIdle(t, b.id);
      const list = await t.http().get('/api/v1/tenant/conversations').set(bearer(a.admin.token));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, page: 1 });
      const [conv] = list.body.items;
      expect(conv).toMatchObject({
        contact: { wa_id: user.waId, profile_name: 'Meera Nair', user_id: null },
        lead_state: 'capturing',
        window_open: true,
        simulated: false,
        last_message: { direction: 'outbound', text: ASK_NAME },
      });
      const found = await t
        .http()
        .get('/api/v1/tenant/conversations')
        .query({ search: 'meera' })
        .set(bearer(a.admin.token));
      expect(found.body.total).toBe(1);
      const none = await t
        .http()
        .get('/api/v1/tenant/conversations')
        .query({ search: 'Other' })
        .set(bearer(a.admin.token));
      expect(none.body.total).toBe(0);

      const messages = await t
        .http()
        .get(`/api/v1/tenant/conversations/${conv.id}/messages`)
        .set(bearer(a.admin.token));
      expect(
        messages.body.items.map(
          (m: { direction: string; type: string; text: string | null; status: string }) => [
            m.direction,
            m.type,
            m.text,
            m.status,
          ],
        ),
      ).toEqual([
        ['inbound', 'text', 'hi', 'processed'],
        ['outbound', 'text', WELCOME, 'sent'],
        ['outbound', 'image', null, 'sent'],
        ['outbound', 'text', ASK_NAME, 'sent'],
      ]);
      const paged = await t
        .http()
        .get(`/api/v1/tenant/conversations/${conv.id}/messages`)
        .query({ page: 2, page_size: 3 })
        .set(bearer(a.admin.token));
      expect(paged.body).toMatchObject({ total: 4, page: 2, page_size: 3 });
      expect(paged.body.items).toHaveLength(1);

      // Tenant B cannot read A's conversation; a platform admin is not a tenant admin.
      expect(
        (await t.http().get(`/api/v1/tenant/conversations/${conv.id}/messages`).set(bearer(b.admin.token)))
          .status,
      ).toBe(404);
      expect(
        (await t.http().get('/api/v1/tenant/conversations/not-a-uuid/messages').set(bearer(a.admin.token)))
          .status,
      ).toBe(404);
      const root = await platformAdmin(t);
      expect((await t.http().get('/api/v1/tenant/conversations').set(bearer(root.token))).status).toBe(403);
      expect(
        (
          await t
            .http()
            .get('/api/v1/tenant/conversations')
            .query({ page_size: 1000 })
            .set(bearer(a.admin.token))
        ).status,
      ).toBe(400);
    });

    it("shows platform admins a tenant's conversations, most recently active first", async () => {
      const root = await platformAdmin(t);
      const a = await waTenant(t);
      const b = await waTenant(t);
      const first = waUser('Kavya Iyer');
      const second = waUser('Rohan Shah');
      await client(t).deliver(textDelivery(a.phoneNumberId, first, 'hi'));
      await waitIdle(t, a.id);
      await client(t).deliver(textDelivery(a.phoneNumberId, second, 'hi'));
      await client(t).deliver(textDelivery(b.phoneNumberId, waUser('Elsewhere'), 'hi'));
      await waitIdle(t, a.id);
      await waitIdle(t, b.id);
      const list = (query: Record<string, unknown> = {}, id = a.id, token = root.token) =>
        t.http().get(`/api/v1/admin/tenants/${id}/conversations`).query(query).set(bearer(token));
      const all = await list();
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 2, page: 1 });
      expect(all.body.items.map((c: { contact: { wa_id: string } }) => c.contact.wa_id)).toEqual([
        second.waId,
        first.waId,
      ]);
      expect(all.body.items[0]).toMatchObject({
        lead_state: 'capturing',
        last_message: { direction: 'outbound', text: ASK_NAME },
      });
      const paged = await list({ page: 2, page_size: 1 });
      expect(paged.body).toMatchObject({ total: 2, page: 2, page_size: 1 });
      expect(paged.body.items[0].contact.wa_id).toBe(first.waId);
      const found = await list({ search: 'kavya' });
      expect(found.body.items.map((c: { contact: { wa_id: string } }) => c.contact.wa_id)).toEqual([
        first.waId,
      ]);
      expect((await list({ search: 'Elsewhere' })).body.total).toBe(0);
      expect((await list({ page_size: 1000 })).status).toBe(400);
      const missing = await list({}, 'no_such_tenant');
      expect(missing.status).toBe(404);
      expect(missing.body.message).toBe('Tenant "no_such_tenant" not found');
      // Tenant admins use their own route; this one is for platform admins only.
      expect((await list({}, a.id, a.admin.token)).status).toBe(403);
      expect((await list({}, b.id, a.admin.token)).status).toBe(403);
    });
  });

  describe('playground', () => {
    it('runs a simulated message through the pipeline, captures the replies, and resets the contact', async () => {
      const tenant = await waTenant(t);
      const other = await waTenant(t);
      const calls = graph.server.requests().length;
      const send = (text: string, token = tenant.admin.token) =>
        t
          .http()
          .post('/api/v1/tenant/playground/messages')
          .set(bearer(token))
          .send({ from: '919876543210', text, profile_name: 'Tester' });
      const first = await send('hello');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        wamid: expect.stringMatching(/^wamid\./),
        replies: [
          { type: 'text', text: WELCOME },
          { type: 'image', link: LOGO, caption: null },
          { type: 'text', text: ASK_NAME },
        ],
      });
      // The capture goes on: the name, then the email question.
      const second = await send('tara SINGH');
      expect(second.body.replies).toEqual([
        { type: 'text', text: "Thanks, Tara! What's your email address?" },
      ]);
      expect(second.body.conversation_id).toBe(first.body.conversation_id);
      expect(graph.server.requests().length).toBe(calls);
      const list = await t.http().get('/api/v1/tenant/conversations').set(bearer(tenant.admin.token));
      expect(list.body.items[0]).toMatchObject({ simulated: true, contact: { wa_id: '919876543210' } });
      const rows = await outbound(tenant.id);
      expect(rows.every((r) => r.status === 'captured')).toBe(true);

      // Another tenant's reset of the same number does not touch this tenant's contact.
      expect(
        (
          await t
            .http()
            .delete('/api/v1/tenant/playground/messages')
            .query({ from: '919876543210' })
            .set(bearer(other.admin.token))
        ).status,
      ).toBe(204);
      expect(await messagesOf(t, tenant.id)).toHaveLength(6);
      expect(
        (
          await t
            .http()
            .delete('/api/v1/tenant/playground/messages')
            .query({ from: '919876543210' })
            .set(bearer(tenant.admin.token))
        ).status,
      ).toBe(204);
      expect(await messagesOf(t, tenant.id)).toHaveLength(0);
      expect((await send('hi again')).body.replies).toHaveLength(3);

      expect(
        (
          await t
            .http()
            .post('/api/v1/tenant/playground/messages')
            .set(bearer(tenant.admin.token))
            .send({ from: '+91 98', text: 'x' })
        ).status,
      ).toBe(400);
      expect(
        (await t.http().delete('/api/v1/tenant/playground/messages').set(bearer(tenant.admin.token))).status,
      ).toBe(400);
    });
  });

  describe('statistics', () => {
    it('counts real messages per day, not playground ones', async () => {
      const root = await platformAdmin(t);
      const series = async () => {
        const res = await t
          .http()
          .get('/api/v1/admin/stats/timeseries')
          .query({ series: 'messages_in,messages_out,failed_sends,llm_latency_ms,llm_tokens' })
          .set(bearer(root.token));
        expect(res.status).toBe(200);
        return Object.fromEntries(
          (res.body.series as { key: string; points: { values: { total: number } }[] }[]).map((s) => [
            s.key,
            s.points.at(-1)!.values.total,
          ]),
        );
      };
      const before = await series();
      expect(Object.keys(before).sort()).toEqual([
        'failed_sends',
        'llm_latency_ms',
        'llm_tokens',
        'messages_in',
        'messages_out',
      ]);
      const tenant = await waTenant(t);
      await client(t).deliver(textDelivery(tenant.phoneNumberId, waUser(), 'count me'));
      await waitIdle(t, tenant.id);
      await t
        .http()
        .post('/api/v1/tenant/playground/messages')
        .set(bearer(tenant.admin.token))
        .send({ from: '919800000001', text: 'not me' });
      const after = await series();
      expect(after.messages_in - before.messages_in).toBe(1);
      expect(after.messages_out - before.messages_out).toBe(3);
    });
  });

  describe('any payload', () => {
    it('never answers a signed delivery of any JSON shape with a 5xx', async () => {
      const tenant = await waTenant(t);
      const phone = fc.oneof(fc.constant(tenant.phoneNumberId), fc.string(), fc.integer(), fc.constant(null));
      const anyMessage = fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            from: fc.oneof(fc.string(), fc.jsonValue()),
            id: fc.oneof(fc.string({ minLength: 1 }), fc.jsonValue()),
            timestamp: fc.oneof(fc.string(), fc.double(), fc.integer()),
            type: fc.oneof(
              fc.constantFrom('text', 'image', 'location', 'interactive', 'button', 'weird'),
              fc.jsonValue(),
            ),
            text: fc.oneof(fc.record({ body: fc.oneof(fc.string(), fc.jsonValue()) }), fc.jsonValue()),
            location: fc.record({ latitude: fc.oneof(fc.double(), fc.string()), longitude: fc.jsonValue() }),
            interactive: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
      );
      const anyChange = fc.record({
        field: fc.oneof(fc.constant('messages'), fc.string()),
        value: fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              metadata: fc.oneof(
                fc.record({ phone_number_id: phone, display_phone_number: fc.jsonValue() }),
                fc.jsonValue(),
              ),
              contacts: fc.oneof(
                fc.array(
                  fc.record({ wa_id: fc.jsonValue(), user_id: fc.jsonValue(), profile: fc.jsonValue() }),
                ),
                fc.jsonValue(),
              ),
              messages: fc.oneof(fc.array(anyMessage, { maxLength: 4 }), fc.jsonValue()),
              statuses: fc.oneof(
                fc.array(fc.record({ id: fc.jsonValue(), status: fc.jsonValue(), errors: fc.jsonValue() })),
                fc.jsonValue(),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
      });
      const anyPayload = fc.oneof(
        fc.jsonValue(),
        fc.record({
          object: fc.jsonValue(),
          entry: fc.oneof(
            fc.array(fc.record({ id: fc.jsonValue(), changes: fc.array(anyChange, { maxLength: 3 }) }), {
              maxLength: 3,
            }),
            fc.jsonValue(),
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(anyPayload, async (payload) => {
          const res = await client(t).deliver(JSON.stringify(payload) ?? 'null');
          return res.status === 200 || res.status === 400;
        }),
        { numRuns: 150 },
      );
      // And a valid message among the noise still goes through.
      const ok = envelope({
        changes: [
          messagesChange({
            phoneNumberId: tenant.phoneNumberId,
            contacts: [waUser()],
            messages: [inbound.text(waUser(), 'still fine')],
          }),
        ],
      });
      expect((await client(t).deliver(ok)).status).toBe(200);
    }, 60_000);
  });
});
