import { WebsiteFake } from '@parley/fakes';
import type { KnowledgeSource } from '@parley/shared-types';
import {
  KNOWLEDGE_RETRIEVER,
  type KnowledgeRetriever,
} from '../src/modules/chat/rag/knowledge-retriever.port';
import { KnowledgeService } from '../src/modules/chat/rag/knowledge.service';
import { createTenant, TestTenant } from './support/fixtures';
import { GEMINI_EMBEDDING_SPACE, RagTestApp, startRagTestApp } from './support/rag';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

const SOURCES = '/api/v1/tenant/knowledge-sources';

describe('knowledge sources (RAG) with private URLs allowed for the local web-site fake', () => {
  let site: WebsiteFake;
  let t: RagTestApp;
  let retriever: KnowledgeRetriever;
  let a: TestTenant;
  let b: TestTenant;
  let source: KnowledgeSource;

  const as = (tenant: TestTenant) => bearer(tenant.admin.token);
  const fetchSource = async (tenant: TestTenant, id: string): Promise<KnowledgeSource> =>
    (await t.http().get(`${SOURCES}/${id}`).set(as(tenant)).expect(200)).body as KnowledgeSource;
  const untilSettled = async (tenant: TestTenant, id: string): Promise<KnowledgeSource> => {
    let current!: KnowledgeSource;
    await waitFor(async () => {
      current = await fetchSource(tenant, id);
      return current.state === 'ready' || current.state === 'failed';
    }, 30_000);
    return current;
  };
  const chunkRows = (sourceId: string) =>
    t.dataSource.query<{ id: string; url: string; tenant_id: string; embedding_space: string | null }[]>(
      `SELECT id, url, tenant_id, embedding_space FROM knowledge_chunks WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );

  beforeAll(async () => {
    site = await new WebsiteFake().start();
    t = await startRagTestApp({ RAG_ALLOW_PRIVATE_URLS: 'true', RAG_CONVERSATION_TIMEOUT: '20s' });
    retriever = t.app.get<KnowledgeRetriever>(KNOWLEDGE_RETRIEVER);
    a = await createTenant(t);
    b = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
    await site.stop();
  });

  it('refuses bad input with a message naming the problem', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /url/],
      [{ url: 'ftp://example.com/' }, /Only http and https/],
      [{ url: 'not a url' }, /not a valid URL/],
      [{ url: site.page('/'), crawl_depth: 4 }, /crawl_depth must be between 0 and 3/],
      [{ url: site.page('/'), page_limit: 0 }, /page_limit must be between 1 and 200/],
      [{ url: site.page('/'), page_limit: 201 }, /page_limit must be between 1 and 200/],
      // Metadata and link-local addresses stay refused even with RAG_ALLOW_PRIVATE_URLS.
      [{ url: 'http://169.254.169.254/latest/meta-data/' }, /cloud metadata/],
      [{ url: 'http://[fe80::1]/' }, /link-local/],
    ];
    for (const [body, message] of cases) {
      const res = await t.http().post(SOURCES).set(as(a)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    expect((await t.http().get(SOURCES).set(as(a)).expect(200)).body.total).toBe(0);
  });

  it('crawls a site in the background to ready, with progress, page and chunk counts and page errors', async () => {
    const created = await t
      .http()
      .post(SOURCES)
      .set(as(a))
      .send({ url: site.page('/') })
      .expect(202);
    source = created.body as KnowledgeSource;
    expect(source).toMatchObject({ url: `${site.url}/`, crawl_depth: 1, page_limit: 20, chunk_count: 0 });
    expect(['queued', 'crawling']).toContain(source.state);

    const ready = await untilSettled(a, source.id);
    expect(ready).toMatchObject({ state: 'ready', progress: 100, error: null });
    expect(ready.pages_done).toBe(ready.pages_found);
    expect(ready.pages_done).toBeGreaterThanOrEqual(10);
    expect(ready.chunk_count).toBeGreaterThanOrEqual(5);
    expect(ready.last_crawled_at).not.toBeNull();
    const errors = Object.fromEntries(ready.page_errors.map((e) => [e.url.replace(site.url, ''), e.error]));
    expect(errors['/metadata-redirect']).toMatch(/cloud metadata/);
    expect(errors['/link-local-redirect']).toMatch(/link-local/);
    expect(errors['/big']).toMatch(/larger than/);
    expect(errors['/missing']).toMatch(/404/);
    expect(site.requests({ path: '/brochure.pdf' })).toHaveLength(0);

    const rows = await chunkRows(source.id);
    expect(rows).toHaveLength(ready.chunk_count);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([a.id]));
    expect(new Set(rows.map((r) => r.embedding_space))).toEqual(new Set([GEMINI_EMBEDDING_SPACE]));
    expect(new Set(rows.map((r) => r.url.replace(site.url, '')))).toEqual(
      new Set(['/', '/pricing', '/about', '/docs/intro', '/notes.txt']),
    );
  });

  it('lists the tenant its own sources only; another tenant gets 404 for every route', async () => {
    const list = await t.http().get(SOURCES).set(as(a)).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, items: [{ id: source.id, state: 'ready' }] });
    expect((await t.http().get(`${SOURCES}?page_size=1&page=2`).set(as(a)).expect(200)).body.items).toEqual(
      [],
    );

    expect((await t.http().get(SOURCES).set(as(b)).expect(200)).body).toMatchObject({ total: 0, items: [] });
    await t.http().get(`${SOURCES}/${source.id}`).set(as(b)).expect(404);
    await t.http().post(`${SOURCES}/${source.id}/recrawl`).set(as(b)).expect(404);
    await t.http().delete(`${SOURCES}/${source.id}`).set(as(b)).expect(404);
    await t.http().get(`${SOURCES}/not-a-uuid`).set(as(a)).expect(404);
    await t.http().get(SOURCES).expect(401);
    expect(await fetchSource(a, source.id)).toMatchObject({ state: 'ready' });
    expect(
      await retriever.retrieve({ tenantId: b.id, question: 'How much does the Family plan cost?' }),
    ).toEqual([]);
  });

  it('refuses the same URL twice for a tenant (409) but lets another tenant add it', async () => {
    const again = await t
      .http()
      .post(SOURCES)
      .set(as(a))
      .send({ url: `${site.url}/#top` })
      .expect(409);
    expect(again.body.message).toMatch(/already a knowledge source/);
    const other = await t
      .http()
      .post(SOURCES)
      .set(as(b))
      .send({ url: site.page('/'), crawl_depth: 0 })
      .expect(202);
    expect(await untilSettled(b, other.body.id)).toMatchObject({ state: 'ready', pages_done: 1 });
    await t.http().delete(`${SOURCES}/${other.body.id}`).set(as(b)).expect(204);
  });

  it('refuses a re-crawl while a crawl of the source is still running (409)', async () => {
    site.fail({
      path: '/docs/intro',
      response: {
        status: 200,
        headers: { 'content-type': 'text/html' },
        raw: '<html><head><title>Slow</title></head><body><p>A slow page.</p></body></html>',
        delayMs: 1500,
      },
      times: 1,
    });
    const created = await t
      .http()
      .post(SOURCES)
      .set(as(b))
      .send({ url: site.page('/docs/intro'), crawl_depth: 0 })
      .expect(202);
    const busy = await t.http().post(`${SOURCES}/${created.body.id}/recrawl`).set(as(b)).expect(409);
    expect(busy.body.message).toMatch(/already running/);
    expect(await untilSettled(b, created.body.id)).toMatchObject({ state: 'ready', chunk_count: 1 });
    await t.http().delete(`${SOURCES}/${created.body.id}`).set(as(b)).expect(204);
  });

  it('retrieves the page that answers the question, by vector similarity', async () => {
    const calls = t.embedCalls();
    const chunks = await retriever.retrieve({
      tenantId: a.id,
      question: 'How much does the Family plan cost in rupees?',
    });
    expect(t.embedCalls()).toBe(calls + 1);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks[0]).toMatchObject({ url: site.page('/pricing'), title: 'Pricing' });
    expect(chunks[0].text).toContain('Family plan');
    const founder = await retriever.retrieve({
      tenantId: a.id,
      question: 'Which electrical engineer founded the company, in what year?',
      limit: 1,
    });
    expect(founder).toHaveLength(1);
    expect(founder[0].url).toBe(site.page('/about'));
  });

  it('falls back to full-text search when the embedding provider is down', async () => {
    t.embeddingsDown();
    try {
      const chunks = await retriever.retrieve({
        tenantId: a.id,
        question: 'What colour is the monitoring dashboard?',
      });
      expect(chunks[0]).toMatchObject({ url: site.page('/pricing') });
      expect(chunks[0].text).toContain('kumquat');
      expect(await retriever.retrieve({ tenantId: a.id, question: 'what are the opening hours?' })).toEqual(
        expect.arrayContaining([expect.objectContaining({ url: site.page('/notes.txt') })]),
      );
      expect(await retriever.retrieve({ tenantId: a.id, question: '???' })).toEqual([]);
    } finally {
      t.embeddingsBack();
    }
  });

  it('ingests a conversation page (/enable_rag) once, reuses it, and scopes retrieval to it', async () => {
    const deep = site.page('/docs/deep/maintenance');
    expect(await retriever.ensureConversationSource(b.id, deep)).toEqual({ title: 'Docs: maintenance' });
    const fetches = site.requests({ path: '/docs/deep/maintenance' }).length;
    expect(await retriever.ensureConversationSource(b.id, deep)).toEqual({ title: 'Docs: maintenance' });
    expect(site.requests({ path: '/docs/deep/maintenance' })).toHaveLength(fetches);

    const scoped = await retriever.retrieve({
      tenantId: b.id,
      question: 'maintenance hotline code',
      conversationUrl: deep,
    });
    expect(scoped[0].text).toContain('ZEBRA-42');
    expect(new Set(scoped.map((c) => c.url))).toEqual(new Set([deep]));
    // Tenant A's own sources answer for A, scoped to A's start page, and never B's conversation page.
    const aScoped = await retriever.retrieve({
      tenantId: a.id,
      question: 'maintenance hotline code',
      conversationUrl: deep,
    });
    expect(aScoped).toEqual([]);
    // Conversation sources are not in the admin list.
    expect((await t.http().get(SOURCES).set(as(b)).expect(200)).body.total).toBe(0);
    // A page the tenant already has as a knowledge source is reused without a new crawl.
    expect(await retriever.ensureConversationSource(a.id, `${site.url}/`)).toEqual({
      title: 'Sunrise Solar - Rooftop solar for homes',
    });
  });

  it('rejects a conversation page that may not or cannot be read, with a message for the user', async () => {
    await expect(retriever.ensureConversationSource(b.id, 'http://169.254.169.254/latest/')).rejects.toThrow(
      /cloud metadata/,
    );
    await expect(retriever.ensureConversationSource(b.id, 'file:///etc/passwd')).rejects.toThrow(
      /Only http and https/,
    );
    await expect(retriever.ensureConversationSource(b.id, site.page('/missing'))).rejects.toThrow(
      /I could not read .*missing.*404/,
    );
    await expect(retriever.ensureConversationSource(b.id, site.page('/brochure.pdf'))).rejects.toThrow(
      /not an HTML or text page/,
    );
  });

  it('re-crawls: chunks are replaced as a whole, and the counts stay right', async () => {
    const before = await chunkRows(source.id);
    const res = await t.http().post(`${SOURCES}/${source.id}/recrawl`).set(as(a)).expect(202);
    expect(res.body).toMatchObject({ id: source.id, state: 'queued', progress: 0 });
    // The old chunks answer until the new crawl commits.
    expect(await chunkRows(source.id)).toHaveLength(before.length);
    const ready = await untilSettled(a, source.id);
    expect(ready).toMatchObject({ state: 'ready', chunk_count: before.length });
    const after = await chunkRows(source.id);
    expect(after).toHaveLength(before.length);
    expect(Number(after[0].id)).toBeGreaterThan(Number(before.at(-1)!.id));
    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE tenant_id = $1 AND target_id = $2 ORDER BY occurred_at, id`,
      [a.id, source.id],
    );
    expect(audit.map((e) => e.action)).toEqual(['knowledge_source.create', 'knowledge_source.recrawl']);
  });

  it('re-crawls every source of a tenant in bulk (KnowledgeService.recrawlAll)', async () => {
    expect(await t.app.get(KnowledgeService).recrawlAll(a.id)).toBe(1);
    await waitFor(async () => (await fetchSource(a, source.id)).state === 'ready', 30_000);
  });

  it('deletes a source with its chunks', async () => {
    await t.http().delete(`${SOURCES}/${source.id}`).set(as(a)).expect(204);
    await t.http().get(`${SOURCES}/${source.id}`).set(as(a)).expect(404);
    expect(await chunkRows(source.id)).toEqual([]);
    expect(await retriever.retrieve({ tenantId: a.id, question: 'Family plan cost' })).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ url: site.page('/pricing') })]),
    );
  });
});

describe('knowledge sources with the SSRF guard on (RAG_ALLOW_PRIVATE_URLS=false, the default)', () => {
  let site: WebsiteFake;
  let t: TestApp;
  let tenant: TestTenant;
  let retriever: KnowledgeRetriever;

  beforeAll(async () => {
    site = await new WebsiteFake().start();
    t = await startTestApp({ RAG_ALLOW_PRIVATE_URLS: 'false', RUN_WORKERS: 'false' });
    retriever = t.app.get<KnowledgeRetriever>(KNOWLEDGE_RETRIEVER);
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
    await site.stop();
  });

  it.each([
    ['the loopback address', () => site.page('/'), /loopback/],
    ['127.0.0.1', () => 'http://127.0.0.1/', /loopback/],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data/', /cloud metadata/],
    [
      'localhost, a name resolving to loopback',
      () => `http://localhost:${new URL(site.url).port}/`,
      /localhost resolves to/,
    ],
    ['a private network', () => 'http://10.1.2.3/', /private/],
    ['an IPv4-mapped IPv6 address', () => 'http://[::ffff:127.0.0.1]/', /IPv4-mapped/],
  ])('refuses %s', async (_label, url, message) => {
    const res = await t.http().post(SOURCES).set(bearer(tenant.admin.token)).send({ url: url() }).expect(400);
    expect(res.body.message).toMatch(message);
    await expect(retriever.ensureConversationSource(tenant.id, url())).rejects.toThrow(message);
  });

  it('never fetched anything and stored nothing', async () => {
    expect(site.requests()).toHaveLength(0);
    const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM knowledge_sources WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(rows).toEqual([]);
  });
});
