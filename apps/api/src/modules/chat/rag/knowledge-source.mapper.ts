import type { KnowledgeSource } from '@parley/shared-types';
import { KnowledgeSourceEntity } from './entities/knowledge-source.entity';

export function toKnowledgeSource(row: KnowledgeSourceEntity): KnowledgeSource {
  return {
    id: row.id,
    url: row.url,
    crawl_depth: row.crawlDepth,
    page_limit: row.pageLimit,
    state: row.state,
    progress: row.progress,
    pages_found: row.pagesFound,
    pages_done: row.pagesDone,
    chunk_count: row.chunkCount,
    page_errors: row.pageErrors ?? [],
    error: row.error,
    last_crawled_at: row.lastCrawledAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
