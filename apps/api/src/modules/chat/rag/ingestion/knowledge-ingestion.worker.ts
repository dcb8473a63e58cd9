import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../config/config';
import { APP_CONFIG } from '../../../../config/config.module';
import { runInTransaction, Tx } from '../../../../database/transaction';
import { JobQueue } from '../../../jobs/job-queue.service';
import type { EmbeddingProvider } from '../../llm/llm.port';
import { SafeFetcher } from '../fetch/safe-fetcher';
import { KnowledgeChunksRepository, NewChunk } from '../knowledge-chunks.repository';
import { KnowledgeSourcesRepository } from '../knowledge-sources.repository';
import { summary, TenantEmbeddings } from '../search/tenant-embeddings';
import { chunkPage, PageChunk } from './chunker';
import { crawl } from './crawler';

export interface IngestJob {
  tenantId: string;
  sourceId: string;
  generation: number;
}

export const KNOWLEDGE_INGEST_QUEUE = 'knowledge-ingest';
const EMBED_BATCH = 64;
/** A source never grows past this many chunks, whatever its pages hold. */
const MAX_CHUNKS_PER_SOURCE = 5000;
/** Crawling is 0-80 % of the bar, embedding 80-100 %. */
const CRAWL_SHARE = 80;

/**
 * Ingests one knowledge source: crawl (SSRF-guarded fetches, same-site links up to the depth and
 * page limit), split, embed in batches, then replace the source's chunks in one transaction.
 * Progress is written as it goes; a newer crawl of the same source (its generation) or the
 * source's deletion makes an older job stop writing.
 */
@Injectable()
export class KnowledgeIngestionWorker implements OnModuleInit {
  private readonly logger = new Logger('Knowledge');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly sources: KnowledgeSourcesRepository,
    private readonly chunks: KnowledgeChunksRepository,
    private readonly embeddings: TenantEmbeddings,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.defineQueue({
      name: KNOWLEDGE_INGEST_QUEUE,
      retryLimit: 2,
      retryDelaySeconds: 30,
      expireInSeconds: 60 * 60,
    });
    await this.jobs.work<IngestJob>(KNOWLEDGE_INGEST_QUEUE, (job) => this.ingest(job.data), {
      concurrency: 2,
    });
  }

  async enqueue(tx: Tx, job: IngestJob): Promise<void> {
    await this.jobs.send<IngestJob>(KNOWLEDGE_INGEST_QUEUE, job, { tx });
  }

  newFetcher(): SafeFetcher {
    return new SafeFetcher({
      allowPrivate: this.config.rag.allowPrivateUrls,
      maxBytes: this.config.rag.maxPageBytes,
      timeoutMs: this.config.rag.fetchTimeoutSeconds * 1000,
      maxRedirects: 5,
    });
  }

  async ingest({ tenantId, sourceId, generation }: IngestJob): Promise<void> {
    const source = await this.sources.find(tenantId, sourceId);
    if (!source || source.generation !== generation) return;
    if (!(await this.sources.progress(sourceId, generation, { state: 'crawling', progress: 0 }))) return;
    try {
      const fetcher = this.newFetcher();
      const { pages, errors } = await crawl(source.url, {
        depth: source.crawlDepth,
        pageLimit: source.pageLimit,
        fetch: (url) => fetcher.fetch(url),
        onProgress: async ({ pagesFound, pagesDone }) => {
          const progress = Math.floor((pagesDone / Math.max(pagesFound, 1)) * CRAWL_SHARE);
          await this.sources.progress(sourceId, generation, {
            state: 'crawling',
            progress,
            pagesFound,
            pagesDone,
          });
        },
      });
      const pagesDone = pages.length + errors.length;
      if (pages.length === 0) {
        await this.finish(tenantId, sourceId, generation, null, [], {
          state: 'failed',
          title: null,
          chunkCount: null,
          pagesFound: pagesDone,
          pagesDone,
          pageErrors: errors,
          error: errors[0]?.error ?? 'No readable page was found',
        });
        return;
      }
      const pieces: PageChunk[] = [];
      for (const page of pages) pieces.push(...(await chunkPage(page)));
      const limited = pieces.slice(0, MAX_CHUNKS_PER_SOURCE);
      await this.sources.progress(sourceId, generation, { state: 'embedding', progress: CRAWL_SHARE });
      const { space, dimensions, vectors, error } = await this.embed(tenantId, sourceId, generation, limited);
      if (error) errors.push({ url: source.url, error });
      const stored: NewChunk[] = limited.map((piece, i) => ({ ...piece, embedding: vectors?.[i] ?? null }));
      await this.finish(tenantId, sourceId, generation, vectors ? space : null, stored, {
        state: 'ready',
        // The crawl starts at the source's URL, so the first page read is the start page.
        title: pages[0].title,
        chunkCount: stored.length,
        pagesFound: pagesDone,
        pagesDone,
        pageErrors: errors,
        error: null,
      });
      if (vectors && space) await this.chunks.ensureVectorIndex(space, dimensions);
    } catch (error) {
      this.logger.error({ tenantId, sourceId, err: error }, 'Knowledge ingestion failed');
      await this.finish(tenantId, sourceId, generation, null, [], {
        state: 'failed',
        title: null,
        chunkCount: null,
        pagesFound: source.pagesFound,
        pagesDone: source.pagesDone,
        pageErrors: [],
        error: 'Ingestion failed unexpectedly; try a re-crawl',
      });
    }
  }

  /** Embeds in batches, advancing the bar; without a provider (or when it fails) the chunks stay keyword-only. */
  private async embed(
    tenantId: string,
    sourceId: string,
    generation: number,
    pieces: PageChunk[],
  ): Promise<{ space: string | null; dimensions: number; vectors: number[][] | null; error: string | null }> {
    const provider: EmbeddingProvider | null = await this.embeddings.forTenant(tenantId);
    if (!provider) return { space: null, dimensions: 0, vectors: null, error: null };
    const vectors: number[][] = [];
    try {
      for (let start = 0; start < pieces.length; start += EMBED_BATCH) {
        const batch = pieces.slice(start, start + EMBED_BATCH);
        const embedded = await provider.embed(
          batch.map((p) => (p.title ? `${p.title}\n${p.text}` : p.text)),
          'document',
        );
        if (embedded.length !== batch.length)
          throw new Error('the provider returned a wrong number of vectors');
        vectors.push(...embedded);
        const progress = CRAWL_SHARE + Math.floor((vectors.length / pieces.length) * (99 - CRAWL_SHARE));
        await this.sources.progress(sourceId, generation, { state: 'embedding', progress });
      }
    } catch (error) {
      this.logger.warn({ tenantId, sourceId, err: summary(error) }, 'Embedding failed; keyword search only');
      return {
        space: null,
        dimensions: 0,
        vectors: null,
        error: `Embeddings unavailable (${summary(error)}); keyword search is used for this source`,
      };
    }
    return { space: provider.space, dimensions: provider.dimensions, vectors, error: null };
  }

  private async finish(
    tenantId: string,
    sourceId: string,
    generation: number,
    space: string | null,
    chunks: NewChunk[],
    outcome: Parameters<KnowledgeSourcesRepository['finish']>[3],
  ): Promise<void> {
    // Read before the transaction: on the embedded database a second connection would wait for it.
    await this.chunks.vectorStorage();
    await runInTransaction(this.dataSource, async (tx) => {
      if (!(await this.sources.lockGeneration(tx.manager, sourceId, generation))) return;
      // A failed crawl keeps the chunks the source had: the bot still answers from the last good crawl.
      if (outcome.state === 'ready') await this.chunks.replace(tx.manager, tenantId, sourceId, space, chunks);
      await this.sources.finish(tx.manager, sourceId, generation, outcome);
    });
  }
}
