import {
  GeminiFake,
  GraphFake,
  HubSpotFake,
  OllamaFake,
  WebsiteFake,
  ZohoFake,
  type GraphSentMessage,
} from '@parley/fakes';
import type { BotReply } from '@parley/shared-types';
import { crmEnv, indianWaId } from './support/crm';
import { createTenant, createWhatsAppConfig, TestTenant } from './support/fixtures';
import {
  ASK_NAME,
  client,
  greetKnown,
  knownUser,
  llmAnswer,
  LOGO,
  messagingEnv,
  textDelivery,
  waitIdle,
  WELCOME,
} from './support/messaging';
import { bearer, startIsolatedTestApp } from './support/test-app';
import { waitFor } from './support/wait';

/**
 * Issue 6 end to end: a WhatsApp user talks to a tenant's bot through the signed webhook (replies
 * observed at the Graph fake) and through the playground (replies in its response). Everything
 * is real — pipeline, jobs, chat engine, CRM adapters and outbox, RAG crawl and retrieval, LLM
 * providers — with Meta, Gemini, Ollama, Zoho, HubSpot and a web site as fakes over HTTP.
 */

const APOLOGY = "Sorry, I can't answer right now. Please try again in a few minutes.";
const ragFailed = (url: string) => `Sorry, I couldn't use ${url}. Please check the address and try again.`;
const branding = { welcome_message: WELCOME, logo_url: LOGO };

interface Chat {
  waId: string;
  /** Sends one text and returns the bot's replies as text (images as `[image <link>]`). */
  send(text: string): Promise<string[]>;
}

type Channel = 'webhook' | 'playground';

function renderReply(reply: BotReply | Record<string, unknown>): string {
  const r = reply as {
    type: string;
    text?: string | { body: string };
    link?: string;
    image?: { link: string };
  };
  if (r.type === 'image') return `[image ${r.link ?? r.image?.link}]`;
  if (r.type === 'text') return typeof r.text === 'string' ? r.text : (r.text?.body ?? '');
  return r.type;
}

/** One app with its fakes; `allowPrivateUrls` lets RAG crawl the web-site fake on loopback. */
async function startChatApp(allowPrivateUrls: boolean) {
  const [graph, gemini, ollama, zoho, hubspot, site] = await Promise.all([
    new GraphFake().start(),
    new GeminiFake().start(),
    new OllamaFake().start(),
    new ZohoFake().start(),
    new HubSpotFake().start(),
    new WebsiteFake().start(),
  ]);
  const t = await startIsolatedTestApp(
    messagingEnv(
      graph,
      gemini,
      crmEnv(
        { zoho, hubspot },
        {
          OLLAMA_HOST: ollama.url,
          RAG_ALLOW_PRIVATE_URLS: String(allowPrivateUrls),
          RAG_CONVERSATION_TIMEOUT: '20s',
        },
      ),
    ),
  );
  const stop = async () => {
    await t.close();
    await Promise.all([graph, gemini, ollama, zoho, hubspot, site].map((f) => f.stop()));
  };

  /** A tenant (local CRM unless `settings` say otherwise) with an active number the Graph fake serves. */
  async function tenant(settings: Record<string, unknown> = {}) {
    const created = await createTenant(t, { crm: 'local', default_country: 'IN', branding, ...settings });
    const phoneNumberId = `1${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 1e6)}`;
    graph.addPhoneNumber(phoneNumberId);
    await createWhatsAppConfig(t, created, {
      phone_number_id: phoneNumberId,
      access_token: graph.issueToken(),
    });
    return { ...created, phoneNumberId };
  }

  function chat(
    channel: Channel,
    to: TestTenant & { phoneNumberId: string },
    waId: string,
    name = 'Asha',
  ): Chat {
    if (channel === 'playground') {
      return {
        waId,
        async send(text) {
          const res = await t
            .http()
            .post('/api/v1/tenant/playground/messages')
            .set(bearer(to.admin.token))
            .send({ from: waId, text, profile_name: name });
          expect(res.status).toBe(200);
          return (res.body.replies as BotReply[]).map(renderReply);
        },
      };
    }
    let seen = graph.sentMessages(to.phoneNumberId).length;
    return {
      waId,
      async send(text) {
        const res = await client(t).deliver(textDelivery(to.phoneNumberId, { waId, name }, text));
        expect(res.status).toBe(200);
        await waitIdle(t, to.id, 30_000);
        const sent: GraphSentMessage[] = graph.sentMessages(to.phoneNumberId);
        const fresh = sent.slice(seen);
        seen = sent.length;
        for (const m of fresh) expect(m.to).toBe(`+${waId}`);
        return fresh.map((m) => renderReply(m.body));
      },
    };
  }

  /** The conversation's messages as the tenant admin sees them. */
  async function messages(to: TestTenant, waId: string) {
    const list = await t
      .http()
      .get('/api/v1/tenant/conversations')
      .query({ search: waId })
      .set(bearer(to.admin.token));
    const id = (list.body.items as { id: string }[])[0].id;
    const res = await t
      .http()
      .get(`/api/v1/tenant/conversations/${id}/messages`)
      .query({ page_size: 100 })
      .set(bearer(to.admin.token));
    return res.body.items as {
      direction: string;
      text: string | null;
      status: string;
      llm: { provider: string; model: string; error: string | null; prompt_tokens: number | null } | null;
    }[];
  }

  return { t, graph, gemini, ollama, zoho, hubspot, site, stop, tenant, chat, messages };
}

describe('chat end to end (RAG may crawl the loopback web-site fake)', () => {
  let app: Awaited<ReturnType<typeof startChatApp>>;
  beforeAll(async () => {
    app = await startChatApp(true);
  });
  afterAll(() => app.stop());

  describe.each<Channel>(['webhook', 'playground'])('through the %s', (channel) => {
    afterEach(() => {
      app.gemini.clearFailures();
      app.ollama.clearFailures();
    });

    it('greets a known lead by first name after the welcome text and logo, then answers with the LLM', async () => {
      const tenant = await app.tenant();
      const user = await knownUser(app.t, tenant, 'asha RAO');
      const c = app.chat(channel, tenant, user.waId);
      expect(await c.send('Hello')).toEqual([WELCOME, `[image ${LOGO}]`, greetKnown('Asha')]);
      expect(await c.send('What do you sell?')).toEqual([llmAnswer('What do you sell?', 'Asha Rao')]);
    });

    describe('captures a new lead end to end', () => {
      const capture = async (tenant: TestTenant & { phoneNumberId: string }) => {
        const c = app.chat(channel, tenant, indianWaId(), 'Neha');
        expect(await c.send('hi')).toEqual([WELCOME, `[image ${LOGO}]`, ASK_NAME]);
        expect(await c.send('neha GUPTA')).toEqual(["Thanks, Neha! What's your email address?"]);
        // A question mid-capture is answered, and the capture resumes.
        expect(await c.send('what are your prices?')).toEqual([
          llmAnswer('what are your prices?'),
          "Thanks, Neha! What's your email address?",
        ]);
        expect((await c.send('neha at gupta'))[0]).toMatch(/doesn't look like an email/);
        expect(await c.send('Neha@Gupta.IN')).toEqual([
          "Thank you, Neha! You're all set. How can I help you today?",
        ]);
        return c;
      };
      const leadSynced = async (tenantId: string) => {
        let row:
          | { sync_state: string; first_name: string; last_name: string; email: string; phone: string }
          | undefined;
        await waitFor(async () => {
          [row] = await app.t.dataSource.query(
            `SELECT sync_state, first_name, last_name, email, phone FROM leads WHERE tenant_id = $1`,
            [tenantId],
          );
          return row?.sync_state === 'synced';
        }, 20_000);
        return row!;
      };

      it('into the local lead list', async () => {
        const tenant = await app.tenant();
        const c = await capture(tenant);
        expect(await leadSynced(tenant.id)).toEqual({
          sync_state: 'synced',
          first_name: 'Neha',
          last_name: 'Gupta',
          email: 'neha@gupta.in',
          phone: `+${c.waId}`,
        });
        // Known from now on: the next question is answered for Neha Gupta.
        expect(await c.send('Do you install on Sundays?')).toEqual([
          llmAnswer('Do you install on Sundays?', 'Neha Gupta'),
        ]);
      });

      it('into Zoho CRM (the lead reaches the Zoho fake)', async () => {
        const conn = app.zoho.connect();
        const tenant = await app.tenant({
          crm: 'zoho',
          zoho: {
            client_id: conn.clientId,
            client_secret: conn.clientSecret,
            refresh_token: conn.refreshToken,
            accounts_url: conn.accountsUrl,
          },
        });
        const c = await capture(tenant);
        await leadSynced(tenant.id);
        expect(app.zoho.leadsOf(conn.org)).toEqual([
          expect.objectContaining({
            First_Name: 'Neha',
            Last_Name: 'Gupta',
            Email: 'neha@gupta.in',
            Phone: `+${c.waId}`,
          }),
        ]);
      });

      it('into HubSpot (the contact reaches the HubSpot fake)', async () => {
        const { token } = app.hubspot.createPortal();
        const tenant = await app.tenant({ crm: 'hubspot', hubspot: { api_key: token } });
        const c = await capture(tenant);
        await leadSynced(tenant.id);
        expect(app.hubspot.contactsOf(token).map((contact) => contact.properties)).toEqual([
          expect.objectContaining({
            firstname: 'Neha',
            lastname: 'Gupta',
            email: 'neha@gupta.in',
            phone: `+${c.waId}`,
          }),
        ]);
      });
    });

    it('answers every command, in any case, with and without arguments', async () => {
      const tenant = await app.tenant();
      const user = await knownUser(app.t, tenant, 'Kiran Das');
      const c = app.chat(channel, tenant, user.waId);
      await c.send('hi');
      const help = await c.send('/HELP');
      expect(help).toHaveLength(1);
      expect(help[0]).toContain('/enable_rag <url>');
      expect(help[0]).toContain('/set_llm <name>: choose the AI that answers (gemini, ollama)');
      expect(await c.send('/whatever')).toEqual(help);
      expect(await c.send('/Set_LLM OLLAMA')).toEqual(["Okay, I'll answer with ollama from now on."]);
      app.ollama.clearRequests();
      expect(await c.send('Who answers now?')).toEqual([llmAnswer('Who answers now?', 'Kiran Das')]);
      expect(app.ollama.requests({ path: '/api/chat' })).toHaveLength(1);
      expect(await c.send('/set_llm gemini')).toEqual(["Okay, I'll answer with gemini from now on."]);
      expect(await c.send('/ENABLE_RAG')).toEqual([
        'Which web page should I use? Please send its address (https://...).',
      ]);
      const page = app.site.page('/about');
      expect(await c.send(page)).toEqual([`Got it, I'll answer from ${page}.`]);
      expect(await c.send('/Disable_Rag')).toEqual(["Okay, I've stopped using the web page."]);
      expect(await c.send('/RESET')).toEqual(["Done, I've cleared our conversation. How can I help?"]);
      // /reset keeps the lead: the next answer still names Kiran; the disabled page is not used.
      expect(await c.send('Still there?')).toEqual([llmAnswer('Still there?', 'Kiran Das')]);

      const patched = await app.t
        .http()
        .patch('/api/v1/tenant/settings')
        .set(bearer(tenant.admin.token))
        .send({ llm: { allow_switch: false } });
      expect(patched.status).toBe(200);
      expect(await c.send('/set_llm ollama')).toEqual([
        "That AI isn't available here. You can choose: gemini.",
      ]);
      expect(await c.send('/set_llm gpt')).toEqual(["That AI isn't available here. You can choose: gemini."]);
    });

    describe('RAG', () => {
      it('answers from the page given with /enable_rag URL, its context reaching the model, and cites it', async () => {
        const tenant = await app.tenant();
        const user = await knownUser(app.t, tenant, 'Meera Nair');
        const c = app.chat(channel, tenant, user.waId);
        await c.send('hi');
        const page = app.site.page('/pricing');
        expect(await c.send(`/enable_rag ${page}`)).toEqual([`Got it, I'll answer from ${page}.`]);
        app.gemini.clearRequests();
        const [answer] = await c.send('How much does the Starter plan cost?');
        expect(answer).toMatch(
          /^You asked: "How much does the Starter plan cost\?"\. Based on: .+\(for Meera Nair\)/,
        );
        // The Gemini fake echoes the first sentence of the context it got: the page's text.
        expect(answer).toMatch(/Based on: [^\n]*(Starter plan costs 49,000 rupees|Plans|Pricing)/);
        expect(answer).toContain(`Sources:\n- Pricing: ${page}`);
        expect(app.gemini.prompts().at(-1)!.system).toContain('Starter plan costs 49,000 rupees');
        // The page is this conversation's: another user of the tenant gets an answer without it.
        const other = await knownUser(app.t, tenant, 'Dev Patel');
        const d = app.chat(channel, tenant, other.waId);
        await d.send('hi');
        expect(await d.send('How much does the Starter plan cost?')).toEqual([
          llmAnswer('How much does the Starter plan cost?', 'Dev Patel'),
        ]);
      });

      it("answers from the tenant's knowledge source, crawled from the site in the background", async () => {
        const tenant = await app.tenant();
        const user = await knownUser(app.t, tenant, 'Ravi Kumar');
        const about = app.site.page('/about');
        const created = await app.t
          .http()
          .post('/api/v1/tenant/knowledge-sources')
          .set(bearer(tenant.admin.token))
          .send({ url: about, crawl_depth: 0, page_limit: 1 });
        expect(created.status).toBe(202);
        await waitFor(async () => {
          const res = await app.t
            .http()
            .get(`/api/v1/tenant/knowledge-sources/${created.body.id}`)
            .set(bearer(tenant.admin.token));
          if (res.body.state === 'failed') throw new Error(JSON.stringify(res.body));
          return res.body.state === 'ready';
        }, 30_000);
        const c = app.chat(channel, tenant, user.waId);
        await c.send('hi');
        const [answer] = await c.send('Who founded Sunrise Solar?');
        expect(answer).toMatch(/Based on: [^\n]*(Anjali Deshpande|Team|About us)/);
        expect(answer).toContain(`Sources:\n- About us: ${about}`);
        expect(app.gemini.prompts().at(-1)!.system).toContain('founded in 2011 by Anjali Deshpande');
      });

      it('refuses the metadata address and a redirect to it, even with private addresses allowed', async () => {
        const tenant = await app.tenant();
        const user = await knownUser(app.t, tenant);
        const c = app.chat(channel, tenant, user.waId);
        await c.send('hi');
        for (const url of [
          'http://169.254.169.254/latest/meta-data/',
          app.site.page('/metadata-redirect'),
          app.site.page('/link-local-redirect'),
        ])
          expect(await c.send(`/enable_rag ${url}`)).toEqual([ragFailed(url)]);
        const [row] = await app.t.dataSource.query(
          `SELECT cv.rag_url FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
         WHERE cv.tenant_id = $1 AND c.wa_id = $2`,
          [tenant.id, user.waId],
        );
        expect(row.rag_url).toBeNull();
      });
    });

    it('apologises when Gemini is down, keeps going, and records the error on the message', async () => {
      const tenant = await app.tenant();
      const user = await knownUser(app.t, tenant, 'Lena Fischer');
      const c = app.chat(channel, tenant, user.waId);
      await c.send('hallo');
      app.gemini.overloaded();
      expect(await c.send('Are you open?')).toEqual([APOLOGY]);
      app.gemini.clearFailures();
      expect(await c.send('Are you open now?')).toEqual([llmAnswer('Are you open now?', 'Lena Fischer')]);
      const rows = await app.messages(tenant, user.waId);
      const failedTurn = rows.find((m) => m.direction === 'inbound' && m.text === 'Are you open?');
      expect(failedTurn?.llm).toMatchObject({
        provider: 'gemini',
        error: 'Gemini failed: 503 Service Unavailable: The model is overloaded. Please try again later.',
      });
      expect(
        rows.find((m) => m.direction === 'inbound' && m.text === 'Are you open now?')?.llm,
      ).toMatchObject({
        provider: 'gemini',
        error: null,
      });
      expect(rows.filter((m) => m.direction === 'inbound').every((m) => m.status === 'processed')).toBe(true);
      expect(rows.find((m) => m.text === APOLOGY)?.status).toBe(channel === 'webhook' ? 'sent' : 'captured');

      // Ollama down (its runner crashed): the same apology, its error recorded.
      expect(await c.send('/set_llm ollama')).toEqual(["Okay, I'll answer with ollama from now on."]);
      app.ollama.down();
      expect(await c.send('Do you deliver?')).toEqual([APOLOGY]);
      const after = await app.messages(tenant, user.waId);
      const ollamaTurn = after.find((m) => m.direction === 'inbound' && m.text === 'Do you deliver?');
      expect(ollamaTurn?.llm).toMatchObject({ provider: 'ollama', prompt_tokens: null });
      expect(ollamaTurn?.llm?.error).toMatch(/llama runner process has terminated/);
    });
  });
});

describe('SSRF through /enable_rag with the guard on (RAG_ALLOW_PRIVATE_URLS=false, the default)', () => {
  let app: Awaited<ReturnType<typeof startChatApp>>;
  beforeAll(async () => {
    app = await startChatApp(false);
  });
  afterAll(() => app.stop());

  describe.each<Channel>(['webhook', 'playground'])('through the %s', (channel) => {
    it('refuses loopback, metadata, localhost and a private address, and fetches nothing', async () => {
      const tenant = await app.tenant();
      const user = await knownUser(app.t, tenant);
      const c = app.chat(channel, tenant, user.waId);
      await c.send('hi');
      const port = new URL(app.site.url).port;
      for (const url of [
        `http://127.0.0.1:${port}/pricing`,
        'http://169.254.169.254/latest/meta-data/',
        `http://localhost:${port}/pricing`,
        'http://10.1.2.3/',
      ])
        expect(await c.send(`/enable_rag ${url}`)).toEqual([ragFailed(url)]);
      // Two-step form too.
      await c.send('/enable_rag');
      const url = `http://127.0.0.1:${port}/about`;
      expect(await c.send(url)).toEqual([ragFailed(url)]);
      expect(app.site.requests()).toHaveLength(0);
      // The conversation goes on.
      expect(await c.send('Anything else?')).toEqual([llmAnswer('Anything else?', 'Asha Rao')]);
    });
  });
});
