import { WebsiteFake } from '@parley/fakes';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KNOWLEDGE_RETRIEVER,
  type KnowledgeRetriever,
} from '../src/modules/chat/rag/knowledge-retriever.port';
import { KnowledgeChunksRepository } from '../src/modules/chat/rag/knowledge-chunks.repository';
import { createTenant } from './support/fixtures';
import { GEMINI_EMBEDDING_SPACE, startRagTestApp } from './support/rag';
import { bearer } from './support/test-app';
import { waitFor } from './support/wait';

/** The embedded database (PGlite) loads pgvector: chunks get a `vector` column and an HNSW index per space. */
describe('knowledge sources on the embedded database (pgvector)', () => {
  it('stores vectors with pgvector, indexes them with HNSW, and retrieves by cosine distance', async () => {
    const site = await new WebsiteFake().start();
    const t = await startRagTestApp({
      DATABASE_URL: undefined,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-rag-embedded-')),
      RAG_ALLOW_PRIVATE_URLS: 'true',
    });
    try {
      expect(await t.app.get(KnowledgeChunksRepository).vectorStorage()).toBe('pgvector');
      const tenant = await createTenant(t);
      const created = await t
        .http()
        .post('/api/v1/tenant/knowledge-sources')
        .set(bearer(tenant.admin.token))
        .send({ url: site.page('/'), crawl_depth: 1 })
        .expect(202);
      await waitFor(async () => {
        const res = await t
          .http()
          .get(`/api/v1/tenant/knowledge-sources/${created.body.id}`)
          .set(bearer(tenant.admin.token));
        return res.body.state === 'ready';
      }, 60_000);
      const indexes: { indexdef: string }[] = await t.dataSource.query(
        `SELECT indexdef FROM pg_indexes WHERE tablename = 'knowledge_chunks' AND indexdef LIKE '%hnsw%'`,
      );
      expect(indexes).toHaveLength(1);
      expect(indexes[0].indexdef).toContain(GEMINI_EMBEDDING_SPACE);

      const retriever = t.app.get<KnowledgeRetriever>(KNOWLEDGE_RETRIEVER);
      const chunks = await retriever.retrieve({
        tenantId: tenant.id,
        question: 'How much does the Family plan cost in rupees?',
      });
      expect(chunks[0]).toMatchObject({ url: site.page('/pricing') });
      expect(chunks[0].score).toBeGreaterThan(0);
      const other = await createTenant(t);
      expect(await retriever.retrieve({ tenantId: other.id, question: 'Family plan cost' })).toEqual([]);
    } finally {
      await t.close();
      await site.stop();
    }
  });
});
