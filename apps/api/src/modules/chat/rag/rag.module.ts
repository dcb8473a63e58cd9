import { Module } from '@nestjs/common';
import { KnowledgeIngestionWorker } from './ingestion/knowledge-ingestion.worker';
import { KnowledgeChunksRepository } from './knowledge-chunks.repository';
import { KNOWLEDGE_RETRIEVER } from './knowledge-retriever.port';
import { KnowledgeSourcesController } from './knowledge-sources.controller';
import { KnowledgeSourcesRepository } from './knowledge-sources.repository';
import { KnowledgeService } from './knowledge.service';
import { KnowledgeSearch } from './search/knowledge-search';
import { TenantEmbeddings } from './search/tenant-embeddings';

/**
 * RAG over web pages: the tenant's knowledge sources API, the crawl/embed job, and the
 * retriever (`KNOWLEDGE_RETRIEVER`) the conversation engine asks. Embeddings come from
 * `LLM_PROVIDER_FACTORY` when the application binds one (optional: without it, keyword search).
 */
@Module({
  controllers: [KnowledgeSourcesController],
  providers: [
    KnowledgeSourcesRepository,
    KnowledgeChunksRepository,
    TenantEmbeddings,
    KnowledgeSearch,
    KnowledgeIngestionWorker,
    KnowledgeService,
    { provide: KNOWLEDGE_RETRIEVER, useExisting: KnowledgeService },
  ],
  exports: [KNOWLEDGE_RETRIEVER, KnowledgeService],
})
export class RagModule {}
