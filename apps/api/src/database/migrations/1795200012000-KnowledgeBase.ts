import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Knowledge sources (web pages a tenant's bot answers from) and their chunks. Embeddings are a
 * pgvector `vector` where the server offers the extension (docker-compose image, embedded
 * PGlite) and a plain `real[]` elsewhere (Debian's PostgreSQL without pgvector), scored exactly
 * by the application. Which one was created is read back at run time from the column's type.
 */
export class KnowledgeBase1795200012000 implements MigrationInterface {
  name = 'KnowledgeBase1795200012000';

  async up(db: QueryRunner): Promise<void> {
    const vector = await enableVector(db);

    await db.query(`
      CREATE TABLE knowledge_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        kind text NOT NULL DEFAULT 'tenant',
        url text NOT NULL,
        title text,
        crawl_depth integer NOT NULL DEFAULT 1,
        page_limit integer NOT NULL DEFAULT 20,
        state text NOT NULL DEFAULT 'queued',
        progress integer NOT NULL DEFAULT 0,
        pages_found integer NOT NULL DEFAULT 0,
        pages_done integer NOT NULL DEFAULT 0,
        chunk_count integer NOT NULL DEFAULT 0,
        page_errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        error text,
        -- Bumped by every (re-)crawl request: a job of an older generation stops writing.
        generation integer NOT NULL DEFAULT 1,
        last_crawled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT knowledge_sources_tenant_kind_url_key UNIQUE (tenant_id, kind, url),
        CONSTRAINT knowledge_sources_kind_chk CHECK (kind IN ('tenant', 'conversation')),
        CONSTRAINT knowledge_sources_state_chk
          CHECK (state IN ('queued', 'crawling', 'embedding', 'ready', 'failed')),
        CONSTRAINT knowledge_sources_depth_chk CHECK (crawl_depth BETWEEN 0 AND 3),
        CONSTRAINT knowledge_sources_limit_chk CHECK (page_limit BETWEEN 1 AND 200),
        CONSTRAINT knowledge_sources_progress_chk CHECK (progress BETWEEN 0 AND 100)
      )`);
    await db.query(
      `CREATE INDEX knowledge_sources_tenant_created_idx ON knowledge_sources (tenant_id, kind, created_at DESC, id DESC)`,
    );

    await db.query(`
      CREATE TABLE knowledge_chunks (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id text NOT NULL,
        source_id uuid NOT NULL REFERENCES knowledge_sources (id) ON DELETE CASCADE,
        url text NOT NULL,
        title text,
        text text NOT NULL,
        -- provider + model + dimensions; null when no embedding provider worked (keyword search only).
        embedding_space text,
        embedding ${vector ? 'vector' : 'real[]'},
        tsv tsvector GENERATED ALWAYS AS (
          to_tsvector('english', coalesce(title, '') || ' ' || text)
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX knowledge_chunks_source_idx ON knowledge_chunks (source_id)`);
    await db.query(
      `CREATE INDEX knowledge_chunks_tenant_space_idx ON knowledge_chunks (tenant_id, embedding_space)`,
    );
    await db.query(`CREATE INDEX knowledge_chunks_tsv_idx ON knowledge_chunks USING gin (tsv)`);
    // HNSW indexes need a fixed dimension, so they are made per embedding space when one first
    // appears (KnowledgeChunksRepository.ensureVectorIndex), as partial expression indexes.
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE knowledge_chunks`);
    await db.query(`DROP TABLE knowledge_sources`);
    // The vector extension stays: other objects may use it, and dropping it needs more rights.
  }
}

/** Creates pgvector when the server has it; a server without it, or without the right to create it, goes on without. */
async function enableVector(db: QueryRunner): Promise<boolean> {
  const rows = (await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)) as unknown[];
  if (rows.length === 0) return false;
  await db.query('SAVEPOINT knowledge_vector');
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS vector');
    await db.query('RELEASE SAVEPOINT knowledge_vector');
    return true;
  } catch {
    await db.query('ROLLBACK TO SAVEPOINT knowledge_vector');
    return false;
  }
}
