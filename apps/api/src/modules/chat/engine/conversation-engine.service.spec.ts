import { GeminiFake, OllamaFake } from '@parley/fakes';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../config/config';
import type { CapturedLead, KnownLead, LeadInput, LeadsService } from '../../crm';
import type { EngineHistoryEntry, EngineResult, EngineTurn } from '../../messaging/conversation-engine.port';
import type { ConfigLoader } from '../../tenant-config/config-loader.service';
import type { LoadedTenant } from '../../tenant-config/tenant-config-view';
import { Metrics } from '../../metrics/metrics.service';
import { LlmProviders } from '../llm/llm-provider.factory';
import type { KnowledgeRetriever, RetrievalQuery, RetrievedChunk } from '../rag/knowledge-retriever.port';
import { ConversationEngineService } from './conversation-engine.service';

/** Leads in memory, keyed by phone, like LeadsService (capture is idempotent per phone). */
class MemoryLeads {
  readonly byPhone = new Map<string, KnownLead>();
  readonly captured: LeadInput[] = [];
  lookups = 0;

  findLeadByPhone(_tenantId: string, phone: string): Promise<KnownLead | null> {
    this.lookups += 1;
    return Promise.resolve(this.byPhone.get(phone) ?? null);
  }

  captureLead(_tenantId: string, input: LeadInput): Promise<CapturedLead> {
    this.captured.push(input);
    const existing = this.byPhone.get(input.phone);
    if (!existing) {
      this.byPhone.set(input.phone, {
        id: `lead-${this.captured.length}`,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        email: input.email ?? null,
        phone: input.phone,
        origin: 'local',
        syncState: 'synced',
      });
    }
    return Promise.resolve({ created: !existing } as CapturedLead);
  }
}

/** The RAG store in memory: every chunk of an enabled page, best match by shared words. */
class MemoryRetriever implements KnowledgeRetriever {
  readonly pages = new Map<string, RetrievedChunk[]>();
  readonly queries: RetrievalQuery[] = [];
  tenantChunks: RetrievedChunk[] = [];

  retrieve(query: RetrievalQuery): Promise<RetrievedChunk[]> {
    this.queries.push(query);
    const pool = query.conversationUrl ? (this.pages.get(query.conversationUrl) ?? []) : this.tenantChunks;
    return Promise.resolve(pool.slice(0, query.limit ?? 4));
  }

  ensureConversationSource(_tenantId: string, url: string): Promise<{ title: string | null }> {
    if (!this.pages.has(url)) return Promise.reject(new Error('That page could not be loaded'));
    return Promise.resolve({ title: this.pages.get(url)![0]?.title ?? null });
  }
}

const PHONE = '+919876543210';

describe('ConversationEngineService', () => {
  let gemini: GeminiFake;
  let ollama: OllamaFake;
  let leads: MemoryLeads;
  let retriever: MemoryRetriever;
  let tenant: LoadedTenant;
  let engine: ConversationEngineService;
  const metrics = new Metrics();

  beforeAll(async () => {
    gemini = await new GeminiFake().start();
    ollama = await new OllamaFake().start();
  });
  afterAll(async () => {
    await gemini.stop();
    await ollama.stop();
  });

  function makeEngine(env: Record<string, string> = {}, withRetriever = true): ConversationEngineService {
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-engine-')),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      GEMINI_API_BASE_URL: gemini.url,
      GEMINI_API_KEY: 'platform-key',
      OLLAMA_HOST: ollama.url,
      GEMINI_RETRY_MAX_DELAY_MS: '200',
      ...env,
    });
    const loader = { forTenant: () => Promise.resolve(tenant) } as unknown as ConfigLoader;
    return new ConversationEngineService(
      config,
      loader,
      leads as unknown as LeadsService,
      new LlmProviders(config, loader),
      metrics,
      withRetriever ? retriever : null,
    );
  }

  beforeEach(() => {
    gemini.clearFailures();
    gemini.clearRequests();
    ollama.clearRequests();
    leads = new MemoryLeads();
    retriever = new MemoryRetriever();
    tenant = {
      profile: {
        id: 'acme',
        name: 'Acme',
        status: 'active',
        defaultCountry: 'IN',
        welcomeMessage: 'Welcome to Acme!',
        logoUrl: 'https://cdn.acme.test/logo.png',
        crmKind: 'local',
        llm: { provider: 'gemini', model: null, allowSwitch: true, systemPrompt: 'You sell anvils.' },
        botTexts: {},
        leadCapture: { allowSkipEmail: true },
      },
      whatsapp: null as unknown as LoadedTenant['whatsapp'],
      crm: {
        zoho: { clientId: null, clientSecret: null, accountsUrl: null, apiUrl: null, refreshToken: null },
        hubspot: { apiKey: null },
      },
      llm: { geminiApiKey: null },
    };
    engine = makeEngine();
  });

  /** A conversation driven message by message, carrying the engine's state like the pipeline does. */
  function chat(options: { phone?: string | null } = {}) {
    let conversation: EngineTurn['conversation'] = {
      id: 'conv-1',
      contact: {
        id: 'contact-1',
        waId: options.phone === null ? null : '919876543210',
        userId: 'IN.1234',
        profileName: 'JS',
        phone: options.phone === undefined ? PHONE : options.phone,
      },
      firstContact: true,
      state: {},
      leadState: 'unknown',
      leadName: null,
      llmProvider: null,
      ragUrl: null,
      simulated: false,
    };
    let history: EngineHistoryEntry[] = [];
    let n = 0;
    return {
      get conversation() {
        return conversation;
      },
      async send(text: string | null): Promise<EngineResult> {
        n += 1;
        const result = await engine.handle({
          tenantId: 'acme',
          conversation,
          message: { id: `m${n}`, wamid: `wamid.${n}`, type: 'text', text, receivedAt: new Date() },
          history: history.slice(-20),
        });
        conversation = { ...conversation, ...result.conversation, firstContact: false };
        const at = new Date();
        history = result.historyReset ? [] : history;
        if (text) history.push({ direction: 'inbound', text, at });
        for (const reply of result.replies)
          if (reply.type === 'text') history.push({ direction: 'outbound', text: reply.text, at });
        return result;
      },
    };
  }
  const texts = (result: EngineResult) =>
    result.replies.map((r) =>
      r.type === 'text' ? r.text : r.type === 'image' ? `[image ${r.link}]` : r.type,
    );

  const knownAsha = () =>
    leads.byPhone.set(PHONE, {
      id: 'z1',
      firstName: 'Asha',
      lastName: null,
      email: null,
      phone: PHONE,
      origin: 'crm',
      syncState: null,
    });

  it('welcomes a new contact with the text and logo, then captures name and email into the lead list', async () => {
    const c = chat();
    expect(texts(await c.send('hi'))).toEqual([
      'Welcome to Acme!',
      '[image https://cdn.acme.test/logo.png]',
      "Before we start, what's your full name?",
    ]);
    expect(c.conversation.leadState).toBe('capturing');
    expect(texts(await c.send('my name is jOHN   SMITH'))).toEqual([
      "Thanks, John! What's your email address?",
    ]);
    expect(texts(await c.send('john at'))).toEqual([
      "That doesn't look like an email address. Please send it again, for example: name@example.com",
    ]);
    expect(c.conversation.state).toMatchObject({ capture: 'email' });
    const done = await c.send('It is John.Smith@Example.COM');
    expect(texts(done)).toEqual(["Thank you, John! You're all set. How can I help you today?"]);
    expect(leads.captured).toEqual([
      { phone: PHONE, firstName: 'John', lastName: 'Smith', email: 'john.smith@example.com' },
    ]);
    expect(done.conversation).toMatchObject({ leadState: 'captured', leadName: 'John Smith', state: {} });
    expect(done.llm).toBeUndefined();
  });

  it('greets a lead the CRM knows by first name and answers a first question', async () => {
    leads.byPhone.set(PHONE, {
      id: 'z1',
      firstName: 'Asha',
      lastName: 'Rao',
      email: null,
      phone: PHONE,
      origin: 'crm',
      syncState: null,
    });
    const c = chat();
    const result = await c.send('Do you deliver to Pune?');
    expect(texts(result)).toEqual([
      'Welcome to Acme!',
      '[image https://cdn.acme.test/logo.png]',
      'Welcome back, Asha! How can I help you today?',
      'You asked: "Do you deliver to Pune?". (for Asha Rao)',
    ]);
    expect(result.conversation).toMatchObject({ leadState: 'known', leadName: 'Asha Rao' });
    expect(result.llm).toMatchObject({ provider: 'gemini', model: 'gemini-3.5-flash-lite', error: null });
  });

  it('answers questions asked mid-capture and resumes the capture', async () => {
    const c = chat();
    expect(texts(await c.send('What are your prices?'))).toEqual([
      'Welcome to Acme!',
      '[image https://cdn.acme.test/logo.png]',
      'You asked: "What are your prices?".',
      "Before we start, what's your full name?",
    ]);
    expect(texts(await c.send('how much is delivery'))).toEqual([
      'You asked: "how much is delivery".',
      "Before we start, what's your full name?",
    ]);
    await c.send('ana garcía');
    expect(texts(await c.send('do you ship abroad?'))).toEqual([
      'You asked: "do you ship abroad?".',
      "Thanks, Ana! What's your email address?",
    ]);
    expect(c.conversation.state).toMatchObject({ capture: 'email' });
    expect(texts(await c.send('ana@garcia.es'))).toEqual([
      "Thank you, Ana! You're all set. How can I help you today?",
    ]);
    expect(leads.captured[0]).toMatchObject({ firstName: 'Ana', lastName: 'García' });
  });

  it('lets the contact skip the email only when the tenant allows it', async () => {
    const c = chat();
    await c.send('hello');
    await c.send('Ravi Kumar');
    expect(texts(await c.send('SKIP'))).toEqual([
      "Thank you, Ravi! You're all set. How can I help you today?",
    ]);
    expect(leads.captured[0]).toMatchObject({ firstName: 'Ravi', email: null });

    tenant.profile.leadCapture.allowSkipEmail = false;
    leads = new MemoryLeads();
    engine = makeEngine();
    const strict = chat();
    await strict.send('hello');
    await strict.send('Ravi Kumar');
    expect(texts(await strict.send('skip'))).toEqual(["Thanks, Ravi! What's your email address?"]);
    expect(leads.captured).toEqual([]);
    expect(strict.conversation.leadState).toBe('capturing');
  });

  it('captures a contact without a phone number (business-scoped id) without a lookup or a lead row', async () => {
    const c = chat({ phone: null });
    await c.send('hi');
    await c.send('Mei Lin');
    const done = await c.send('mei@lin.cn');
    expect(leads.lookups).toBe(0);
    expect(leads.captured).toEqual([]);
    expect(done.conversation).toMatchObject({
      leadState: 'captured',
      leadName: 'Mei Lin',
      state: { capturedEmail: 'mei@lin.cn' },
    });
  });

  it('takes commands in any case; /reset clears capture, RAG and history but not the lead', async () => {
    const c = chat();
    await c.send('hi');
    await c.send('John Smith');
    await c.send('john@smith.io');
    retriever.pages.set('https://docs.acme.test/', [
      { text: 'Anvils ship in 3 days.', url: 'https://docs.acme.test/', title: 'Shipping', score: 1 },
    ]);
    expect(texts(await c.send('/ENABLE_RAG'))).toEqual([
      'Which web page should I use? Please send its address (https://...).',
    ]);
    expect(texts(await c.send('https://docs.acme.test/'))).toEqual([
      "Got it, I'll answer from https://docs.acme.test/.",
    ]);
    expect(c.conversation.ragUrl).toBe('https://docs.acme.test/');
    expect(texts(await c.send('/Set_LLM OLLAMA'))).toEqual(["Okay, I'll answer with ollama from now on."]);
    expect(c.conversation.llmProvider).toBe('ollama');

    const reset = await c.send('/Reset');
    expect(texts(reset)).toEqual(["Done, I've cleared our conversation. How can I help?"]);
    expect(reset.historyReset).toBe(true);
    expect(reset.conversation).toMatchObject({
      state: {},
      ragUrl: null,
      leadState: 'captured',
      leadName: 'John Smith',
    });
    expect(texts(await c.send('/disable_rag'))).toEqual(["Okay, I've stopped using the web page."]);
    expect(texts(await c.send('/HELP'))[0]).toContain('/enable_rag <url>');
    expect(texts(await c.send('/frobnicate now'))[0]).toContain(
      '/set_llm <name>: choose the AI that answers (gemini, ollama)',
    );
  });

  it('/reset during a capture starts the capture over on the next message', async () => {
    const c = chat();
    await c.send('hi');
    await c.send('/reset');
    expect(c.conversation.leadState).toBe('unknown');
    expect(texts(await c.send('hello again'))).toEqual(["Before we start, what's your full name?"]);
  });

  it('/set_llm offers only the providers the tenant allows and that are set up', async () => {
    knownAsha();
    const c = chat();
    await c.send('hi');
    expect(texts(await c.send('/set_llm'))).toEqual([
      "That AI isn't available here. You can choose: gemini, ollama.",
    ]);
    expect(texts(await c.send('/set_llm gpt-5'))).toEqual([
      "That AI isn't available here. You can choose: gemini, ollama.",
    ]);
    tenant.profile.llm.allowSwitch = false;
    expect(texts(await c.send('/set_llm ollama'))).toEqual([
      "That AI isn't available here. You can choose: gemini.",
    ]);
    expect(c.conversation.llmProvider).toBeNull();

    tenant.profile.llm.allowSwitch = true;
    engine = makeEngine({ OLLAMA_HOST: '' });
    expect(texts(await c.send('/set_llm ollama'))).toEqual([
      "That AI isn't available here. You can choose: gemini.",
    ]);
  });

  it('/enable_rag URL in one message; a page that cannot be used gets rag_failed and RAG stays off', async () => {
    retriever.pages.set('https://acme.test/faq', [
      { text: 'Returns are free. Within 30 days.', url: 'https://acme.test/faq', title: 'FAQ', score: 1 },
    ]);
    knownAsha();
    const c = chat();
    await c.send('hi');
    expect(texts(await c.send('/enable_rag https://acme.test/faq'))).toEqual([
      "Got it, I'll answer from https://acme.test/faq.",
    ]);
    expect(texts(await c.send('/enable_rag http://127.0.0.1/admin'))).toEqual([
      "Sorry, I couldn't use http://127.0.0.1/admin. Please check the address and try again.",
    ]);
    expect(c.conversation.ragUrl).toBe('https://acme.test/faq');

    engine = makeEngine({}, false);
    expect(texts(await c.send('/enable_rag https://acme.test/faq'))[0]).toMatch(/^Sorry, I couldn't use/);
  });

  it('answers from the retrieved context, cites the sources, and records tokens and latency', async () => {
    knownAsha();
    retriever.pages.set('https://acme.test/faq', [
      { text: 'Returns are free. Within 30 days.', url: 'https://acme.test/faq', title: 'FAQ', score: 0.9 },
      { text: 'Refunds take a week.', url: 'https://acme.test/refunds', title: null, score: 0.5 },
      { text: 'More on returns.', url: 'https://acme.test/faq', title: 'FAQ', score: 0.4 },
    ]);
    const c = chat();
    await c.send('hi');
    await c.send('/enable_rag https://acme.test/faq');
    const result = await c.send('Can I return an anvil?');
    expect(texts(result)).toEqual([
      'You asked: "Can I return an anvil?". Based on: Returns are free. (for Asha)\n\n' +
        'Sources:\n- FAQ: https://acme.test/faq\n- https://acme.test/refunds',
    ]);
    expect(retriever.queries.at(-1)).toMatchObject({
      tenantId: 'acme',
      question: 'Can I return an anvil?',
      conversationUrl: 'https://acme.test/faq',
    });
    const prompt = gemini.prompts().at(-1)!;
    expect(prompt.system).toContain('You sell anvils.');
    expect(prompt.system).toContain('Source [1]: FAQ — https://acme.test/faq');
    // The history window went along: earlier turns as user/model contents, the question last.
    expect(prompt.contents.at(-1)).toEqual({ role: 'user', text: 'Can I return an anvil?' });
    expect(prompt.contents.some((content) => content.role === 'model')).toBe(true);
    expect(result.llm).toMatchObject({ provider: 'gemini', error: null });
    expect(result.llm!.promptTokens).toBeGreaterThan(10);
    expect(result.llm!.completionTokens).toBeGreaterThan(0);
    expect(result.llm!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('answers with Ollama after /set_llm ollama (phi3:mini, not streamed)', async () => {
    knownAsha();
    const c = chat();
    await c.send('hi');
    await c.send('/set_llm ollama');
    const result = await c.send('What is an anvil?');
    expect(texts(result)).toEqual(['You asked: "What is an anvil?". (for Asha)']);
    expect(result.llm).toMatchObject({ provider: 'ollama', model: 'phi3:mini', error: null });
    expect(ollama.requests({ path: '/api/chat' })[0].body).toMatchObject({
      model: 'phi3:mini',
      stream: false,
    });
  });

  it('apologises when the LLM is down or too slow, records the error, and never throws', async () => {
    knownAsha();
    const c = chat();
    await c.send('hi');
    await c.send('/reset');
    gemini.overloaded();
    const down = await c.send('What is an anvil?');
    expect(texts(down).at(-1)).toBe("Sorry, I can't answer right now. Please try again in a few minutes.");
    expect(down.llm).toMatchObject({ provider: 'gemini', model: 'gemini-3.5-flash-lite' });
    expect(down.llm!.error).toBe(
      'Gemini failed: 503 Service Unavailable: The model is overloaded. Please try again later.',
    );
    gemini.clearFailures();

    engine = makeEngine({ GEMINI_TIMEOUT_MS: '300' });
    gemini.slow(900, 1);
    const slow = await c.send('Why is the sky blue?');
    expect(texts(slow).at(-1)).toBe("Sorry, I can't answer right now. Please try again in a few minutes.");
    expect(slow.llm!.error).toMatch(/within 300 ms/);
    expect(slow.llm!.latencyMs).toBeGreaterThanOrEqual(290);
    const calls = (await metrics.llmCalls.get()).values;
    const count = (result: string) =>
      calls.find((v) => v.labels.provider === 'gemini' && v.labels.result === result)?.value ?? 0;
    expect(count('unavailable')).toBeGreaterThanOrEqual(1);
    expect(count('timeout')).toBeGreaterThanOrEqual(1);
    expect(count('ok')).toBeGreaterThanOrEqual(1);
    const tokens = (await metrics.llmTokens.get()).values;
    expect(tokens.find((v) => v.labels.kind === 'prompt')?.value).toBeGreaterThan(0);
  });

  it('retries a Gemini 429 once after its RetryInfo delay (capped), and gives up after a second 429', async () => {
    knownAsha();
    const c = chat();
    await c.send('/help');
    gemini.rateLimit(1, 1);
    const started = Date.now();
    const result = await c.send('What is an anvil?');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(texts(result)).toEqual(['You asked: "What is an anvil?". (for Asha)']);
    expect(gemini.requests({ path: ':generateContent' })).toHaveLength(2);

    gemini.clearRequests();
    gemini.rateLimit(1, 2);
    const limited = await c.send('What is an anvil?');
    expect(limited.llm!.error).toMatch(/429/);
    expect(gemini.requests({ path: ':generateContent' })).toHaveLength(2);
  });

  it("uses the tenant's own texts and its own Gemini key", async () => {
    tenant.profile.botTexts = { ask_name: 'Wie heißt du?', help: 'Hilfe: {providers}' };
    tenant.llm.geminiApiKey = 'tenant-key';
    const c = chat();
    expect(texts(await c.send('hallo')).at(-1)).toBe('Wie heißt du?');
    // A command mid-capture is answered, then the capture question comes again.
    expect(texts(await c.send('/help'))).toEqual(['Hilfe: gemini, ollama', 'Wie heißt du?']);
    await c.send('Jonas Berg');
    expect(texts(await c.send('/disable_rag'))).toEqual([
      "Okay, I've stopped using the web page.",
      "Thanks, Jonas! What's your email address?",
    ]);
    await c.send('What is this?');
    expect(gemini.requests({ path: ':generateContent' }).at(-1)!.headers['x-goog-api-key']).toBe(
      'tenant-key',
    );
  });

  it('tells a non-text message it cannot be read', async () => {
    const c = chat();
    await c.send('hi');
    await c.send('John Smith');
    expect(texts(await c.send(null))).toEqual(['Sorry, I can only read text messages for now.']);
  });
});
