import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { RetrievedChunk } from './knowledge-retriever.port';
import type { SourceStamp } from './search/vector-cache';
import { decodeFloat4Array } from './search/vector-math';

export type VectorStorage = 'pgvector' | 'array';

export interface NewChunk {
  url: string;
  title: string | null;
  text: string;
  embedding: number[] | null;
}

export interface StoredVectors {
  ids: string[];
  /** Row-major, `dimensions` floats per chunk. */
  matrix: Float32Array;
  dimensions: number;
}

const INSERT_BATCH = 500;

/**
 * Chunks and their embeddings. Every read names the tenant. The embedding column is pgvector's
 * `vector` where the migration found the extension, else `real[]`: the storage is read from the
 * catalogue once, and searches take the matching path.
 */
@Injectable()
export class KnowledgeChunksRepository {
  private readonly logger = new Logger('Knowledge');
  private storage: Promise<VectorStorage> | null = null;
  private readonly indexedSpaces = new Set<string>();
  /** Whether pgvector here knows `hnsw.iterative_scan` (0.8+); null until tried. */
  private iterativeScan: boolean | null = null;

  constructor(private readonly dataSource: DataSource) {}

  vectorStorage(): Promise<VectorStorage> {
    this.storage ??= this.dataSource
      .query(
        `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
          WHERE attrelid = 'knowledge_chunks'::regclass AND attname = 'embedding'`,
      )
      .then((rows: { type: string }[]) => (rows[0]?.type === 'vector' ? 'pgvector' : 'array'));
    return this.storage;
  }

  /** Replaces a source's chunks inside the caller's transaction: readers see the old set or the new one. */
  async replace(
    manager: EntityManager,
    tenantId: string,
    sourceId: string,
    space: string | null,
    chunks: NewChunk[],
  ): Promise<void> {
    const storage = await this.vectorStorage();
    await manager.query(`DELETE FROM knowledge_chunks WHERE tenant_id = $1 AND source_id = $2`, [
      tenantId,
      sourceId,
    ]);
    const cast = storage === 'pgvector' ? 'vector' : 'real[]';
    for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
      const batch = chunks.slice(start, start + INSERT_BATCH);
      await manager.query(
        `INSERT INTO knowledge_chunks (tenant_id, source_id, url, title, text, embedding_space, embedding)
         SELECT $1, $2, u, t, x, CASE WHEN e IS NULL THEN NULL ELSE $3 END, e::${cast}
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS c (u, t, x, e)`,
        [
          tenantId,
          sourceId,
          space,
          batch.map((c) => c.url),
          batch.map((c) => c.title),
          batch.map((c) => c.text),
          batch.map((c) => (c.embedding ? vectorLiteral(c.embedding, storage) : null)),
        ],
      );
    }
  }

  /**
   * With pgvector, an HNSW index per embedding space (its dimension fixed by a cast in the
   * expression, the space by the partial predicate). Made outside any transaction, once.
   */
  async ensureVectorIndex(space: string, dimensions: number): Promise<void> {
    if ((await this.vectorStorage()) !== 'pgvector' || this.indexedSpaces.has(space)) return;
    const name = `knowledge_chunks_hnsw_${createHash('sha256').update(space).digest('hex').slice(0, 16)}`;
    const dims = Math.trunc(dimensions);
    try {
      await this.dataSource.query(
        `CREATE INDEX IF NOT EXISTS ${name} ON knowledge_chunks
           USING hnsw ((embedding::vector(${dims})) vector_cosine_ops)
           WHERE embedding_space = ${quoteLiteral(space)}`,
      );
      this.indexedSpaces.add(space);
    } catch (error) {
      // Exact search still works without it; the next ingestion tries again.
      this.logger.warn({ err: error, space }, 'Could not create the HNSW index');
    }
  }

  /**
   * pgvector: cosine distance, by the HNSW index where the planner takes it. The index holds every
   * tenant of a space, so the tenant filter comes after the index scan; pgvector 0.8's iterative
   * scan keeps searching until enough of this tenant's rows are found (older versions lack it).
   */
  async searchPgvector(
    tenantId: string,
    space: string,
    query: number[],
    limit: number,
    sourceIds: string[] | null,
  ): Promise<RetrievedChunk[]> {
    const dims = Math.trunc(query.length);
    const sql = `SELECT url, title, text, 1 - (embedding::vector(${dims}) <=> $3::vector(${dims})) AS score
         FROM knowledge_chunks
        WHERE tenant_id = $1 AND embedding_space = $2 AND ($5::uuid[] IS NULL OR source_id = ANY($5::uuid[]))
        ORDER BY embedding::vector(${dims}) <=> $3::vector(${dims})
        LIMIT $4`;
    const params = [tenantId, space, vectorLiteral(query, 'pgvector'), limit, sourceIds];
    const rows =
      this.iterativeScan === false
        ? await this.dataSource.query<ChunkRow[]>(sql, params)
        : await this.dataSource.transaction(async (manager) => {
            if (this.iterativeScan === null) {
              await manager.query('SAVEPOINT knowledge_knn');
              try {
                await manager.query(`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)`);
                this.iterativeScan = true;
              } catch {
                await manager.query('ROLLBACK TO SAVEPOINT knowledge_knn');
                this.iterativeScan = false;
              }
            } else {
              await manager.query(`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)`);
            }
            return manager.query<ChunkRow[]>(sql, params);
          });
    // Relaxed order may be slightly off: the final order is by score.
    return rows.map(toRetrieved).sort((x, y) => y.score - x.score);
  }

  /**
   * The tenant's sources that have chunks, each with a stamp that changes whenever its chunks are
   * replaced (a crawl finishing sets last_crawled_at) or removed (the row goes).
   */
  async sourceStamps(tenantId: string): Promise<SourceStamp[]> {
    const rows: { id: string; stamp: string }[] = await this.dataSource.query(
      `SELECT id, coalesce(last_crawled_at::text, '') || '/' || chunk_count AS stamp
         FROM knowledge_sources WHERE tenant_id = $1 AND chunk_count > 0 ORDER BY id`,
      [tenantId],
    );
    return rows;
  }

  /** One source's vectors in one space, for exact scoring in the application (no pgvector). */
  async loadVectors(tenantId: string, space: string, sourceId: string): Promise<StoredVectors> {
    const rows: { id: string; v: Buffer }[] = await this.dataSource.query(
      `SELECT id, array_send(embedding) AS v FROM knowledge_chunks
        WHERE tenant_id = $1 AND embedding_space = $2 AND source_id = $3 ORDER BY id`,
      [tenantId, space, sourceId],
    );
    const first = rows.length ? decodeFloat4Array(rows[0].v) : new Float32Array(0);
    const dimensions = first.length;
    const matrix = new Float32Array(rows.length * dimensions);
    rows.forEach((row, i) => {
      const vector = i === 0 ? first : decodeFloat4Array(row.v);
      if (vector.length === dimensions) matrix.set(vector, i * dimensions);
    });
    return { ids: rows.map((r) => String(r.id)), matrix, dimensions };
  }

  /** Whether the tenant has any chunk embedded in this space (else retrieval goes by keywords). */
  async hasVectors(tenantId: string, space: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM knowledge_chunks WHERE tenant_id = $1 AND embedding_space = $2 LIMIT 1`,
      [tenantId, space],
    );
    return rows.length > 0;
  }

  async byIds(tenantId: string, ids: string[]): Promise<Map<string, Omit<RetrievedChunk, 'score'>>> {
    const rows: (ChunkRow & { id: string })[] = await this.dataSource.query(
      `SELECT id, url, title, text FROM knowledge_chunks WHERE tenant_id = $1 AND id = ANY($2::bigint[])`,
      [tenantId, ids],
    );
    return new Map(rows.map((r) => [String(r.id), { url: r.url, title: r.title, text: r.text }]));
  }

  /** Full-text fallback: any of the question's words, ranked by cover density. */
  async searchKeywords(
    tenantId: string,
    question: string,
    limit: number,
    sourceIds: string[] | null,
  ): Promise<RetrievedChunk[]> {
    const query = orQuery(question);
    if (!query) return [];
    const rows: ChunkRow[] = await this.dataSource.query(
      `SELECT url, title, text, ts_rank_cd(tsv, q) AS score
         FROM knowledge_chunks, to_tsquery('english', $2) AS q
        WHERE tenant_id = $1 AND tsv @@ q AND ($4::uuid[] IS NULL OR source_id = ANY($4::uuid[]))
        ORDER BY score DESC, id
        LIMIT $3`,
      [tenantId, query, limit, sourceIds],
    );
    return rows.map(toRetrieved);
  }
}

interface ChunkRow {
  url: string;
  title: string | null;
  text: string;
  score?: number | string;
}

function toRetrieved(row: ChunkRow): RetrievedChunk {
  return { url: row.url, title: row.title, text: row.text, score: Number(row.score ?? 0) };
}

function vectorLiteral(vector: number[], storage: VectorStorage): string {
  const values = vector.map((v) => (Number.isFinite(v) ? v : 0)).join(',');
  return storage === 'pgvector' ? `[${values}]` : `{${values}}`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** "What are your prices?" → `what | are | your | prices`: letters and digits only, so nothing can break the tsquery syntax. */
export function orQuery(question: string): string {
  const words = question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, 32).join(' | ');
}
