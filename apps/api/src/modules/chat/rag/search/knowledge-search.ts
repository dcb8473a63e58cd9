import { Injectable, Logger } from '@nestjs/common';
import { KnowledgeChunksRepository } from '../knowledge-chunks.repository';
import type { RetrievalQuery, RetrievedChunk } from '../knowledge-retriever.port';
import { VectorCache } from './vector-cache';
import { summary, TenantEmbeddings } from './tenant-embeddings';

const DEFAULT_LIMIT = 4;
const MAX_LIMIT = 20;

/**
 * Retrieval for one tenant: by vector similarity when the tenant's current embedding space has
 * vectors, otherwise (no provider, the vendor down, nothing embedded in this space) by full-text
 * rank. Never throws for a missing provider: the bot still answers from keywords.
 */
@Injectable()
export class KnowledgeSearch {
  private readonly logger = new Logger('Knowledge');
  private readonly cache = new VectorCache();

  constructor(
    private readonly chunks: KnowledgeChunksRepository,
    private readonly embeddings: TenantEmbeddings,
  ) {}

  async search(query: RetrievalQuery, sourceIds: string[] | null): Promise<RetrievedChunk[]> {
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    if (!query.question.trim()) return [];
    const byVector = await this.byVector(query.tenantId, query.question, limit, sourceIds);
    if (byVector && byVector.length > 0) return byVector;
    return this.chunks.searchKeywords(query.tenantId, query.question, limit, sourceIds);
  }

  /** Null when vector search cannot be used for this tenant right now. */
  private async byVector(
    tenantId: string,
    question: string,
    limit: number,
    sourceIds: string[] | null,
  ): Promise<RetrievedChunk[] | null> {
    const provider = await this.embeddings.forTenant(tenantId);
    if (!provider) return null;
    const space = provider.space;
    const storage = await this.chunks.vectorStorage();
    if (!(await this.chunks.hasVectors(tenantId, space))) return null;
    let vector: number[];
    try {
      [vector] = await provider.embed([question], 'query');
    } catch (error) {
      this.logger.warn({ tenantId, err: summary(error) }, 'Query embedding failed; keyword search instead');
      return null;
    }
    if (storage === 'pgvector') return this.chunks.searchPgvector(tenantId, space, vector, limit, sourceIds);
    const scope = sourceIds ? new Set(sourceIds) : null;
    const hits = await this.cache.search(
      { tenantId, space },
      await this.chunks.sourceStamps(tenantId),
      scope,
      (sourceId) => this.chunks.loadVectors(tenantId, space, sourceId),
      vector,
      limit,
    );
    if (hits.length === 0) return [];
    const rows = await this.chunks.byIds(
      tenantId,
      hits.map((h) => h.id),
    );
    return hits.flatMap((hit) => {
      const row = rows.get(String(hit.id));
      return row ? [{ ...row, score: hit.score }] : [];
    });
  }
}
