import { Inject, Injectable } from '@nestjs/common';
import type { KnowledgeSource, KnowledgeSourcePage } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { ActorContext } from '../../../common/auth/actor';
import { isUniqueViolation } from '../../../common/http/db-errors';
import { badRequest, conflict, DomainError, notFound } from '../../../common/http/domain-error';
import { pageWindow, toPage } from '../../../common/http/query';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { runInTransaction } from '../../../database/transaction';
import { AuditService } from '../../audit/audit.service';
import { CreateKnowledgeSourceDto, KnowledgeSourceListQueryDto } from './dto/knowledge-source.dto';
import { KnowledgeSourceEntity } from './entities/knowledge-source.entity';
import { FetchRefusedError, parseHttpUrl } from './fetch/safe-fetcher';
import { KnowledgeIngestionWorker } from './ingestion/knowledge-ingestion.worker';
import type { KnowledgeRetriever, RetrievalQuery, RetrievedChunk } from './knowledge-retriever.port';
import { toKnowledgeSource } from './knowledge-source.mapper';
import { KnowledgeSourcesRepository } from './knowledge-sources.repository';
import { KnowledgeSearch } from './search/knowledge-search';

/** A crawl that has not moved for this long is taken as lost: a re-crawl may replace it. */
const STALE_CRAWL_MS = 10 * 60 * 1000;
const IN_PROGRESS = new Set(['queued', 'crawling', 'embedding']);

/**
 * Knowledge sources of a tenant (the admin API), the bulk re-crawl, and the retriever the
 * conversation engine uses. Every call is scoped to one tenant.
 */
@Injectable()
export class KnowledgeService implements KnowledgeRetriever {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly sources: KnowledgeSourcesRepository,
    private readonly ingestion: KnowledgeIngestionWorker,
    private readonly search: KnowledgeSearch,
    private readonly audit: AuditService,
  ) {}

  async list(tenantId: string, query: KnowledgeSourceListQueryDto): Promise<KnowledgeSourcePage> {
    const { offset, pageSize } = pageWindow(query);
    const [rows, total] = await this.sources.list(tenantId, offset, pageSize);
    return toPage(rows.map(toKnowledgeSource), total, query);
  }

  async get(tenantId: string, id: string): Promise<KnowledgeSource> {
    return toKnowledgeSource(await this.require(tenantId, id));
  }

  /** Adds a site and queues its crawl. The URL is checked now (scheme, DNS, address) so a refused one fails at once. */
  async create(
    actor: ActorContext,
    tenantId: string,
    dto: CreateKnowledgeSourceDto,
  ): Promise<KnowledgeSource> {
    const url = await this.checkedUrl(dto.url);
    try {
      return await runInTransaction(this.dataSource, async (tx) => {
        const source = await this.sources.insert(tx.manager, {
          tenantId,
          kind: 'tenant',
          url,
          crawlDepth: dto.crawl_depth ?? 1,
          pageLimit: dto.page_limit ?? 20,
        });
        await this.ingestion.enqueue(tx, { tenantId, sourceId: source.id, generation: source.generation });
        await this.audit.record(tx.manager, {
          actor,
          tenantId,
          action: 'knowledge_source.create',
          targetType: 'knowledge_source',
          targetId: source.id,
          after: { url, crawl_depth: source.crawlDepth, page_limit: source.pageLimit },
        });
        return toKnowledgeSource(source);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`${url} is already a knowledge source`);
      throw error;
    }
  }

  async recrawl(actor: ActorContext, tenantId: string, id: string): Promise<KnowledgeSource> {
    const source = await this.require(tenantId, id);
    if (isRunning(source)) throw conflict('A crawl of this source is already running');
    await this.checkedUrl(source.url);
    return runInTransaction(this.dataSource, async (tx) => {
      const generation = await this.sources.requeue(tx.manager, tenantId, id);
      await this.ingestion.enqueue(tx, { tenantId, sourceId: id, generation });
      await this.audit.record(tx.manager, {
        actor,
        tenantId,
        action: 'knowledge_source.recrawl',
        targetType: 'knowledge_source',
        targetId: id,
      });
      return toKnowledgeSource(await this.require(tenantId, id, tx));
    });
  }

  /** Deletes the source and, with it, its chunks. */
  async remove(actor: ActorContext, tenantId: string, id: string): Promise<void> {
    await runInTransaction(this.dataSource, async (tx) => {
      const source = await this.require(tenantId, id, tx);
      await this.sources.remove(tx.manager, tenantId, id);
      await this.audit.record(tx.manager, {
        actor,
        tenantId,
        action: 'knowledge_source.delete',
        targetType: 'knowledge_source',
        targetId: id,
        before: { url: source.url, chunk_count: source.chunkCount },
      });
    });
  }

  /**
   * Re-crawls (and so re-embeds) every source of the tenant, e.g. after its embedding provider or
   * model changed. Crawls still running are superseded. Returns how many were queued.
   */
  async recrawlAll(tenantId: string): Promise<number> {
    const ids = await this.sources.idsOfTenant(tenantId);
    for (const id of ids) {
      await runInTransaction(this.dataSource, async (tx) => {
        const generation = await this.sources.requeue(tx.manager, tenantId, id);
        if (generation) await this.ingestion.enqueue(tx, { tenantId, sourceId: id, generation });
      });
    }
    return ids.length;
  }

  async retrieve(query: RetrievalQuery): Promise<RetrievedChunk[]> {
    let scope: string[];
    if (query.conversationUrl) {
      const url = normalisedUrl(query.conversationUrl);
      scope = url ? await this.sources.readyIdsForUrl(query.tenantId, url) : [];
    } else {
      // A page one user enabled with /enable_rag is theirs: it never answers other conversations,
      // nor theirs after /disable_rag.
      scope = await this.sources.tenantSourceIds(query.tenantId);
    }
    if (scope.length === 0) return [];
    return this.search.search(query, scope);
  }

  async ensureConversationSource(tenantId: string, rawUrl: string): Promise<{ title: string | null }> {
    const url = await this.checkedUrl(rawUrl);
    const tenantSource = await this.sources.findByUrl(tenantId, 'tenant', url);
    if (tenantSource?.state === 'ready') return { title: tenantSource.title };
    let source = await this.sources.findByUrl(tenantId, 'conversation', url);
    if (source?.state === 'ready') return { title: source.title };
    if (!source) source = await this.createConversationSource(tenantId, url);
    else if (source.state === 'failed' || isStale(source)) {
      await runInTransaction(this.dataSource, async (tx) => {
        const generation = await this.sources.requeue(tx.manager, tenantId, source!.id);
        await this.ingestion.enqueue(tx, { tenantId, sourceId: source!.id, generation });
      });
    }
    return this.waitUntilReady(tenantId, source.id, url);
  }

  private async createConversationSource(tenantId: string, url: string): Promise<KnowledgeSourceEntity> {
    try {
      return await runInTransaction(this.dataSource, async (tx) => {
        const source = await this.sources.insert(tx.manager, {
          tenantId,
          kind: 'conversation',
          url,
          crawlDepth: 0,
          pageLimit: 1,
        });
        await this.ingestion.enqueue(tx, { tenantId, sourceId: source.id, generation: source.generation });
        return source;
      });
    } catch (error) {
      // Two conversations enabling the same page at once: the other one's source is used.
      const existing = isUniqueViolation(error)
        ? await this.sources.findByUrl(tenantId, 'conversation', url)
        : null;
      if (!existing) throw error;
      return existing;
    }
  }

  private async waitUntilReady(tenantId: string, id: string, url: string): Promise<{ title: string | null }> {
    const deadline = Date.now() + this.config.rag.conversationTimeoutSeconds * 1000;
    for (;;) {
      const source = await this.sources.find(tenantId, id);
      if (!source) throw new DomainError(404, `The page ${url} was removed while it was being read`);
      if (source.state === 'ready') return { title: source.title };
      if (source.state === 'failed') {
        throw new DomainError(
          422,
          `I could not read ${url}: ${source.error ?? 'the page could not be used'}`,
        );
      }
      if (Date.now() > deadline) {
        throw new DomainError(
          504,
          `Reading ${url} is taking longer than expected. Please try again in a minute.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The URL as stored: parsed, fragment dropped; refused (400, with the reason) when it may not be fetched. */
  private async checkedUrl(raw: string): Promise<string> {
    try {
      const url = parseHttpUrl(raw);
      await this.ingestion.newFetcher().check(url);
      return url.href;
    } catch (error) {
      if (error instanceof FetchRefusedError) throw badRequest(error.message);
      throw error;
    }
  }

  private async require(
    tenantId: string,
    id: string,
    tx?: { manager: import('typeorm').EntityManager },
  ): Promise<KnowledgeSourceEntity> {
    const source = isUuid(id) ? await this.sources.find(tenantId, id, tx?.manager) : null;
    if (!source) throw notFound(`Knowledge source ${id}`);
    return source;
  }
}

function isRunning(source: KnowledgeSourceEntity): boolean {
  return IN_PROGRESS.has(source.state) && !isStale(source);
}

function isStale(source: KnowledgeSourceEntity): boolean {
  return IN_PROGRESS.has(source.state) && Date.now() - source.updatedAt.getTime() > STALE_CRAWL_MS;
}

function normalisedUrl(raw: string): string | null {
  try {
    return parseHttpUrl(raw).href;
  } catch {
    return null;
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
