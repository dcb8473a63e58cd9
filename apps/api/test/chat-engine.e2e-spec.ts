import { GeminiFake, HubSpotFake, OllamaFake, ZohoFake } from '@parley/fakes';
import { randomUUID } from 'node:crypto';
import { LeadsService } from '../src/modules/crm/leads.service';
import {
  CONVERSATION_ENGINE,
  type ConversationEngine,
  type EngineHistoryEntry,
  type EngineResult,
  type EngineTurn,
} from '../src/modules/messaging/conversation-engine.port';
import { crmEnv, hubspotTenant, indianWaId, waitForLead, zohoTenant } from './support/crm';
import { createTenant, TestTenant } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The conversation engine inside the real application (DI, ConfigLoader, LeadsService, CRM
 * adapters, lead outbox) with Gemini, Ollama, Zoho and HubSpot fakes over HTTP. The engine is
 * driven turn by turn the way the messaging pipeline drives it: the state it returns is what the
 * next turn gets.
 */
describe('conversation engine', () => {
  let gemini: GeminiFake;
  let ollama: OllamaFake;
  let zoho: ZohoFake;
  let hubspot: HubSpotFake;
  let t: TestApp;
  let engine: ConversationEngine;
  let leads: LeadsService;

  beforeAll(async () => {
    [gemini, ollama, zoho, hubspot] = await Promise.all([
      new GeminiFake().start(),
      new OllamaFake().start(),
      new ZohoFake().start(),
      new HubSpotFake().start(),
    ]);
    t = await startTestApp(
      crmEnv(
        { zoho, hubspot },
        {
          GEMINI_API_BASE_URL: gemini.url,
          GEMINI_API_KEY: 'platform-gemini-key',
          GEMINI_TIMEOUT_MS: '3000',
          GEMINI_RETRY_MAX_DELAY_MS: '300',
          OLLAMA_HOST: ollama.url,
        },
      ),
    );
    engine = t.app.get<ConversationEngine>(CONVERSATION_ENGINE);
    leads = t.app.get(LeadsService);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([gemini.stop(), ollama.stop(), zoho.stop(), hubspot.stop()]);
  });
  afterEach(() => {
    gemini.clearFailures();
    ollama.clearFailures();
  });

  const branding = { welcome_message: 'Welcome to our shop!', logo_url: 'https://cdn.shop.test/logo.png' };

  function chat(tenantId: string, waId: string | null) {
    let conversation: EngineTurn['conversation'] = {
      id: randomUUID(),
      contact: {
        id: randomUUID(),
        waId,
        userId: `IN.${randomUUID().slice(0, 8)}`,
        profileName: null,
        phone: waId ? `+${waId}` : null,
      },
      firstContact: true,
      state: {},
      leadState: 'unknown',
      leadName: null,
      llmProvider: null,
      ragUrl: null,
      simulated: true,
    };
    let history: EngineHistoryEntry[] = [];
    return {
      get conversation() {
        return conversation;
      },
      async send(text: string): Promise<EngineResult & { texts: string[] }> {
        const result = await engine.handle({
          tenantId,
          conversation,
          message: {
            id: randomUUID(),
            wamid: `wamid.${randomUUID()}`,
            type: 'text',
            text,
            receivedAt: new Date(),
          },
          history: history.slice(-20),
        });
        conversation = { ...conversation, ...result.conversation, firstContact: false };
        if (result.historyReset) history = [];
        history.push({ direction: 'inbound', text, at: new Date() });
        const texts = result.replies.map((r) =>
          r.type === 'text' ? r.text : r.type === 'image' ? `[image ${r.link}]` : r.type,
        );
        for (const reply of texts) history.push({ direction: 'outbound', text: reply, at: new Date() });
        return { ...result, texts };
      },
    };
  }

  describe('a known lead is greeted by first name', () => {
    it('from the local lead list, after the welcome text and the logo', async () => {
      const tenant = await createTenant(t, { crm: 'local', default_country: 'IN', branding });
      const waId = indianWaId();
      await leads.captureLead(tenant.id, { phone: waId, name: 'asha RAO' });
      const first = await chat(tenant.id, waId).send('Hello');
      expect(first.texts).toEqual([
        'Welcome to our shop!',
        '[image https://cdn.shop.test/logo.png]',
        'Welcome back, Asha! How can I help you today?',
      ]);
      expect(first.conversation).toMatchObject({ leadState: 'known', leadName: 'Asha Rao' });
    });

    it('from Zoho CRM', async () => {
      const c = zoho.connect();
      const tenant = await zohoTenant(t, c);
      const waId = indianWaId();
      zoho.addLead(c.org, { First_Name: 'Priya', Last_Name: 'Sharma', Phone: `+${waId}` });
      const first = await chat(tenant.id, waId).send('hi');
      expect(first.texts).toEqual(['Welcome back, Priya! How can I help you today?']);
      expect(first.conversation.leadState).toBe('known');
    });

    it('from HubSpot, and the first question is answered too', async () => {
      const { token } = hubspot.createPortal();
      const tenant = await hubspotTenant(t, token);
      const waId = indianWaId();
      hubspot.addContact(token, { firstname: 'Ravi', lastname: 'Kumar', mobilephone: `+${waId}` });
      const first = await chat(tenant.id, waId).send('What are your opening hours?');
      expect(first.texts).toEqual([
        'Welcome back, Ravi! How can I help you today?',
        'You asked: "What are your opening hours?". (for Ravi Kumar)',
      ]);
    });
  });

  describe('a new contact is captured as a lead', () => {
    it('into the local lead list, whatever the casing of the answers', async () => {
      const tenant = await createTenant(t, { crm: 'local', default_country: 'IN' });
      const waId = indianWaId();
      const c = chat(tenant.id, waId);
      expect((await c.send('hey')).texts).toEqual(["Before we start, what's your full name?"]);
      expect((await c.send("I'm MARÍA josé   de la CRUZ")).texts).toEqual([
        "Thanks, María José! What's your email address?",
      ]);
      expect((await c.send('maria at')).texts[0]).toMatch(/doesn't look like an email/);
      const done = await c.send('Maria.Cruz@Example.ORG');
      expect(done.texts).toEqual(["Thank you, María José! You're all set. How can I help you today?"]);
      expect(done.conversation).toMatchObject({ leadState: 'captured', leadName: 'María José de la Cruz' });
      const rows = await t.dataSource.query(
        `SELECT first_name, last_name, email, phone, sync_state FROM leads WHERE tenant_id = $1`,
        [tenant.id],
      );
      expect(rows).toEqual([
        {
          first_name: 'María José',
          last_name: 'de la Cruz',
          email: 'maria.cruz@example.org',
          phone: `+${waId}`,
          sync_state: 'synced',
        },
      ]);
      // A retried job runs the last step again: still one lead.
      await chat(tenant.id, waId).send('again');
      await leads.captureLead(tenant.id, { phone: waId, name: 'Other Name' });
      expect(await t.dataSource.query(`SELECT id FROM leads WHERE tenant_id = $1`, [tenant.id])).toHaveLength(
        1,
      );
    });

    it('into Zoho CRM through the outbox', async () => {
      const conn = zoho.connect();
      const tenant = await zohoTenant(t, conn);
      const waId = indianWaId();
      const c = chat(tenant.id, waId);
      await c.send('hi');
      await c.send('neha gupta');
      await c.send('neha@gupta.in');
      const [row] = await t.dataSource.query(`SELECT id FROM leads WHERE tenant_id = $1`, [tenant.id]);
      await waitForLead(t, row.id, (r) => r.sync_state === 'synced');
      expect(zoho.leadsOf(conn.org)).toEqual([
        expect.objectContaining({
          First_Name: 'Neha',
          Last_Name: 'Gupta',
          Email: 'neha@gupta.in',
          Phone: `+${waId}`,
        }),
      ]);
      // Next time, Zoho knows them.
      expect((await chat(tenant.id, waId).send('hello')).texts).toEqual([
        'Welcome back, Neha! How can I help you today?',
      ]);
    });

    it('into HubSpot through the outbox, with the email skipped', async () => {
      const { token } = hubspot.createPortal();
      const tenant = await hubspotTenant(t, token);
      const waId = indianWaId();
      const c = chat(tenant.id, waId);
      await c.send('hello');
      await c.send('Arjun Mehta');
      expect((await c.send('skip')).texts).toEqual([
        "Thank you, Arjun! You're all set. How can I help you today?",
      ]);
      const [row] = await t.dataSource.query(`SELECT id FROM leads WHERE tenant_id = $1`, [tenant.id]);
      await waitForLead(t, row.id, (r) => r.sync_state === 'synced');
      expect(hubspot.contactsOf(token).map((contact) => contact.properties)).toEqual([
        expect.objectContaining({ firstname: 'Arjun', lastname: 'Mehta', phone: `+${waId}` }),
      ]);
    });
  });

  it('captures a contact without a phone number (business-scoped id only) without a lookup or a lead row', async () => {
    const tenant = await createTenant(t, { crm: 'local', default_country: 'IN' });
    const c = chat(tenant.id, null);
    expect((await c.send('hi')).texts).toEqual(["Before we start, what's your full name?"]);
    await c.send('Mei Lin');
    const done = await c.send('mei@lin.cn');
    expect(done.texts).toEqual(["Thank you, Mei! You're all set. How can I help you today?"]);
    expect(done.conversation).toMatchObject({ leadState: 'captured', leadName: 'Mei Lin' });
    expect(await t.dataSource.query(`SELECT id FROM leads WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
  });

  it('starts a capture when the CRM cannot be asked, and the lead still reaches it later', async () => {
    const { token } = hubspot.createPortal();
    const tenant = await hubspotTenant(t, token);
    const waId = indianWaId();
    hubspot.fail({
      path: '/crm/v3/objects/contacts/search',
      times: 1,
      response: {
        status: 503,
        body: { status: 'error', message: 'Service unavailable', category: 'SERVICE_UNAVAILABLE' },
      },
    });
    const c = chat(tenant.id, waId);
    expect((await c.send('hi')).texts).toEqual(["Before we start, what's your full name?"]);
    await c.send('Dev Patel');
    await c.send('dev@patel.in');
    const [row] = await t.dataSource.query(`SELECT id FROM leads WHERE tenant_id = $1`, [tenant.id]);
    await waitForLead(t, row.id, (r) => r.sync_state === 'synced');
    expect(hubspot.contactsOf(token)).toHaveLength(1);
  });

  it('answers every command, in any case, with and without arguments', async () => {
    const tenant = await createTenant(t, { crm: 'local', default_country: 'IN' });
    const waId = indianWaId();
    await leads.captureLead(tenant.id, { phone: waId, name: 'Kiran Das' });
    const c = chat(tenant.id, waId);
    await c.send('hi');

    expect((await c.send('/HELP')).texts[0]).toContain('/enable_rag <url>');
    expect((await c.send('/whatever')).texts[0]).toContain(
      '/set_llm <name>: choose the AI that answers (gemini, ollama)',
    );
    expect((await c.send('/set_llm')).texts).toEqual([
      "That AI isn't available here. You can choose: gemini, ollama.",
    ]);
    expect((await c.send('/Set_LLM OLLAMA')).texts).toEqual(["Okay, I'll answer with ollama from now on."]);
    const viaOllama = await c.send('What is this shop?');
    expect(viaOllama.llm).toMatchObject({ provider: 'ollama', model: 'phi3:mini', error: null });
    expect(viaOllama.llm!.promptTokens).toBeGreaterThan(0);

    expect((await c.send('/ENABLE_RAG')).texts).toEqual([
      'Which web page should I use? Please send its address (https://...).',
    ]);
    // A loopback address is refused (by the RAG store's SSRF guard, or for want of a RAG store).
    expect((await c.send('http://127.0.0.1:9/private')).texts).toEqual([
      "Sorry, I couldn't use http://127.0.0.1:9/private. Please check the address and try again.",
    ]);
    expect(c.conversation.ragUrl).toBeNull();
    expect((await c.send('/enable_rag http://169.254.169.254/latest/meta-data')).texts[0]).toMatch(
      /^Sorry, I couldn't use http:\/\/169\.254\.169\.254/,
    );
    expect((await c.send('/Disable_Rag')).texts).toEqual(["Okay, I've stopped using the web page."]);

    const reset = await c.send('/RESET');
    expect(reset.texts).toEqual(["Done, I've cleared our conversation. How can I help?"]);
    expect(reset.historyReset).toBe(true);
    expect(reset.conversation).toMatchObject({
      leadState: 'known',
      leadName: 'Kiran Das',
      ragUrl: null,
      state: {},
    });

    await request(tenant, { llm: { allow_switch: false } });
    expect((await c.send('/set_llm gemini')).texts).toEqual(["Okay, I'll answer with gemini from now on."]);
    expect((await c.send('/set_llm ollama')).texts).toEqual([
      "That AI isn't available here. You can choose: gemini.",
    ]);
  });

  async function request(tenant: TestTenant, body: Record<string, unknown>) {
    return t.http().patch('/api/v1/tenant/settings').set(bearer(tenant.admin.token)).send(body);
  }

  async function knownContact(settings: Record<string, unknown> = {}) {
    const tenant = await createTenant(t, { crm: 'local', default_country: 'IN', ...settings });
    const waId = indianWaId();
    await leads.captureLead(tenant.id, { phone: waId, name: 'Lena Fischer' });
    const c = chat(tenant.id, waId);
    await c.send('hallo');
    return { tenant, c };
  }

  it('records token use and latency, and sends the history window and the system prompt', async () => {
    const { c } = await knownContact({ llm: { system_prompt: 'You are Lena’s bakery bot.' } });
    gemini.clearRequests();
    await c.send('Do you bake rye bread?');
    const result = await c.send('And on Sundays?');
    expect(result.texts).toEqual(['You asked: "And on Sundays?". (for Lena Fischer)']);
    expect(result.llm).toMatchObject({ provider: 'gemini', model: 'gemini-3.5-flash-lite', error: null });
    expect(result.llm!.promptTokens).toBeGreaterThan(10);
    expect(result.llm!.completionTokens).toBeGreaterThan(0);
    expect(result.llm!.latencyMs).toBeGreaterThanOrEqual(0);
    const prompt = gemini.prompts().at(-1)!;
    expect(prompt.system).toContain('You are Lena’s bakery bot.');
    expect(prompt.contents.map((content) => content.text)).toContain('Do you bake rye bread?');
    expect(prompt.contents.at(-1)).toEqual({ role: 'user', text: 'And on Sundays?' });
    expect(gemini.requests({ path: ':generateContent' }).at(-1)!.headers['x-goog-api-key']).toBe(
      'platform-gemini-key',
    );
  });

  it('apologises when Gemini or Ollama is down, with the error recorded', async () => {
    const { c } = await knownContact();
    gemini.overloaded();
    const down = await c.send('Are you open?');
    expect(down.texts).toEqual(["Sorry, I can't answer right now. Please try again in a few minutes."]);
    expect(down.llm).toMatchObject({
      provider: 'gemini',
      error: 'Gemini failed: 503 Service Unavailable: The model is overloaded. Please try again later.',
    });
    gemini.clearFailures();

    await c.send('/set_llm ollama');
    ollama.down();
    const ollamaDown = await c.send('Are you open?');
    expect(ollamaDown.texts).toEqual(["Sorry, I can't answer right now. Please try again in a few minutes."]);
    expect(ollamaDown.llm).toMatchObject({ provider: 'ollama', promptTokens: null });
    expect(ollamaDown.llm!.error).toMatch(/llama runner process has terminated/);
  });

  it('retries a Gemini 429 once after the RetryInfo delay (capped at GEMINI_RETRY_MAX_DELAY_MS)', async () => {
    const { c } = await knownContact();
    gemini.clearRequests();
    gemini.rateLimit(26, 1);
    const started = Date.now();
    const result = await c.send('Do you deliver?');
    const elapsed = Date.now() - started;
    expect(result.texts).toEqual(['You asked: "Do you deliver?". (for Lena Fischer)']);
    expect(gemini.requests({ path: ':generateContent' })).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000);
  });

  describe('tenant settings of the engine', () => {
    it('refuses unknown bot text keys, naming them', async () => {
      const tenant = await createTenant(t);
      const res = await request(tenant, { bot_texts: { ask_name: 'Name?', greet_knwon: 'Hi', foo: 'x' } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('bot_texts has unknown keys: greet_knwon, foo');
      const bad = await request(tenant, {
        bot_texts: { help: 42 },
        lead_capture: { allow_skip_email: 'no' },
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.message)).toMatch(/help/);
      expect(JSON.stringify(bad.body.message)).toMatch(/lead_capture\.allow_skip_email/);
    });

    it('stores overrides, the skip rule and the tenant key (encrypted, masked), and the engine uses them', async () => {
      const { tenant, c } = await knownContact();
      const key = `AIza-${randomUUID()}`;
      const res = await request(tenant, {
        bot_texts: { llm_not_allowed: 'Nur {providers}, bitte.', help: 'Hilfe!' },
        lead_capture: { allow_skip_email: false },
        llm: { gemini_api_key: key },
      });
      expect(res.status).toBe(200);
      expect(res.body.bot_texts).toEqual({ llm_not_allowed: 'Nur {providers}, bitte.', help: 'Hilfe!' });
      expect(res.body.lead_capture).toEqual({ allow_skip_email: false });
      expect(res.body.llm.gemini_api_key).toBe(`***${key.slice(-4)}`);
      const [row] = await t.dataSource.query(`SELECT llm_gemini_api_key_enc FROM tenants WHERE id = $1`, [
        tenant.id,
      ]);
      expect(row.llm_gemini_api_key_enc).toMatch(/^v1:/);
      expect(row.llm_gemini_api_key_enc).not.toContain(key);

      expect((await c.send('/help')).texts).toEqual(['Hilfe!']);
      expect((await c.send('/set_llm gpt')).texts).toEqual(['Nur gemini, ollama, bitte.']);
      gemini.clearRequests();
      await c.send('What do you sell?');
      expect(gemini.requests({ path: ':generateContent' })[0].headers['x-goog-api-key']).toBe(key);

      // null puts a default back; the skip rule holds for new contacts.
      const cleared = await request(tenant, { bot_texts: { help: null } });
      expect(cleared.body.bot_texts).toEqual({ llm_not_allowed: 'Nur {providers}, bitte.' });
      const newcomer = chat(tenant.id, indianWaId());
      await newcomer.send('hi');
      await newcomer.send('Tom Weber');
      expect((await newcomer.send('skip')).texts).toEqual(["Thanks, Tom! What's your email address?"]);
    });

    it('keeps other tenants out: a tenant admin changes only their own tenant', async () => {
      const a = await createTenant(t);
      const b = await createTenant(t);
      await request(a, { bot_texts: { help: 'A only' } });
      const other = await t.http().get('/api/v1/tenant/settings').set(bearer(b.admin.token));
      expect(other.body.bot_texts).toEqual({});
    });
  });
});
