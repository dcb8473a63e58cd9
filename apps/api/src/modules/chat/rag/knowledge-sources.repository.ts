import { Injectable } from '@nestjs/common';
import type { KnowledgeSourceState } from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { KnowledgeSourceEntity, KnowledgeSourceKind } from './entities/knowledge-source.entity';

export interface NewSource {
  tenantId: string;
  kind: KnowledgeSourceKind;
  url: string;
  crawlDepth: number;
  pageLimit: number;
}

export interface CrawlOutcome {
  state: Extract<KnowledgeSourceState, 'ready' | 'failed'>;
  title: string | null;
  /** Null keeps the count (a failed re-crawl keeps the chunks it had). */
  chunkCount: number | null;
  pagesFound: number;
  pagesDone: number;
  pageErrors: { url: string; error: string }[];
  error: string | null;
}

/** Every query names the tenant, or the source's generation for the crawl worker's own writes. */
@Injectable()
export class KnowledgeSourcesRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(tenantId: string, offset: number, limit: number): Promise<[KnowledgeSourceEntity[], number]> {
    return this.dataSource.manager.findAndCount(KnowledgeSourceEntity, {
      where: { tenantId, kind: 'tenant' },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit,
    });
  }

  find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<KnowledgeSourceEntity | null> {
    return manager.findOne(KnowledgeSourceEntity, { where: { tenantId, id } });
  }

  findByUrl(tenantId: string, kind: KnowledgeSourceKind, url: string): Promise<KnowledgeSourceEntity | null> {
    return this.dataSource.manager.findOne(KnowledgeSourceEntity, { where: { tenantId, kind, url } });
  }

  /**
   * The tenant's own knowledge sources (not the pages users enabled with /enable_rag): what an
   * answer without a conversation page is scoped to. Chunks exist only once a source was ingested;
   * a re-crawling source keeps answering from its previous chunks.
   */
  async tenantSourceIds(tenantId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM knowledge_sources WHERE tenant_id = $1 AND kind = 'tenant'`,
      [tenantId],
    );
    return rows.map((r) => r.id);
  }

  /** Sources of either kind for this start URL, ready ones first: what a conversation's RAG is scoped to. */
  async readyIdsForUrl(tenantId: string, url: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM knowledge_sources WHERE tenant_id = $1 AND url = $2 AND state = 'ready'`,
      [tenantId, url],
    );
    return rows.map((r) => r.id);
  }

  async insert(manager: EntityManager, row: NewSource): Promise<KnowledgeSourceEntity> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO knowledge_sources (tenant_id, kind, url, crawl_depth, page_limit)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [row.tenantId, row.kind, row.url, row.crawlDepth, row.pageLimit],
    );
    return manager.findOneOrFail(KnowledgeSourceEntity, {
      where: { tenantId: row.tenantId, id: rows[0].id },
    });
  }

  /** Queues a fresh crawl: a new generation, so a crawl still running for the old one stops writing. */
  async requeue(manager: EntityManager, tenantId: string, id: string): Promise<number> {
    const rows = returned<{ generation: number }>(
      await manager.query(
        `UPDATE knowledge_sources
          SET state = 'queued', progress = 0, pages_found = 0, pages_done = 0, error = NULL,
              generation = generation + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2
        RETURNING generation`,
        [tenantId, id],
      ),
    );
    return rows[0]?.generation ?? 0;
  }

  async idsOfTenant(tenantId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM knowledge_sources WHERE tenant_id = $1 ORDER BY created_at`,
      [tenantId],
    );
    return rows.map((r) => r.id);
  }

  async remove(manager: EntityManager, tenantId: string, id: string): Promise<boolean> {
    const rows = returned(
      await manager.query(`DELETE FROM knowledge_sources WHERE tenant_id = $1 AND id = $2 RETURNING id`, [
        tenantId,
        id,
      ]),
    );
    return rows.length > 0;
  }

  /** Crawl progress; false when the source is gone or a newer crawl was requested. */
  async progress(
    id: string,
    generation: number,
    fields: { state: KnowledgeSourceState; progress: number; pagesFound?: number; pagesDone?: number },
  ): Promise<boolean> {
    const rows = returned(
      await this.dataSource.query(
        `UPDATE knowledge_sources
          SET state = $3, progress = $4, pages_found = coalesce($5, pages_found),
              pages_done = coalesce($6, pages_done), updated_at = now()
        WHERE id = $1 AND generation = $2
        RETURNING id`,
        [id, generation, fields.state, fields.progress, fields.pagesFound ?? null, fields.pagesDone ?? null],
      ),
    );
    return rows.length > 0;
  }

  /** Locks the source for the final write of a crawl; null when gone or superseded. */
  async lockGeneration(manager: EntityManager, id: string, generation: number): Promise<string | null> {
    const rows: { tenant_id: string }[] = await manager.query(
      `SELECT tenant_id FROM knowledge_sources WHERE id = $1 AND generation = $2 FOR UPDATE`,
      [id, generation],
    );
    return rows[0]?.tenant_id ?? null;
  }

  async finish(manager: EntityManager, id: string, generation: number, outcome: CrawlOutcome): Promise<void> {
    await manager.query(
      `UPDATE knowledge_sources
          SET state = $3, progress = 100, title = coalesce($4, title), chunk_count = coalesce($5, chunk_count),
              pages_found = $6, pages_done = $7, page_errors = $8::jsonb, error = $9,
              last_crawled_at = now(), updated_at = now()
        WHERE id = $1 AND generation = $2`,
      [
        id,
        generation,
        outcome.state,
        outcome.title,
        outcome.chunkCount,
        outcome.pagesFound,
        outcome.pagesDone,
        JSON.stringify(outcome.pageErrors.slice(-20)),
        outcome.error,
      ],
    );
  }
}

/** TypeORM answers an UPDATE or DELETE … RETURNING with `[rows, affected]`, a SELECT or INSERT with the rows. */
function returned<T = unknown>(result: unknown): T[] {
  const value = result as unknown[];
  if (value.length === 2 && Array.isArray(value[0]) && typeof value[1] === 'number') return value[0] as T[];
  return value as T[];
}
