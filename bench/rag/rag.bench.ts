/**
 * RAG benchmark: retrieval latency over 1k/10k/20k (optionally 100k) chunks of one tenant, and
 * ingestion pages per second, with the deterministic hashing embedder (no model, no network).
 * Runs Parley's own RAG classes on a fresh PostgreSQL database (dropped afterwards) and prints
 * ratios against a bare `SELECT 1` round trip measured in the same run.
 *
 *   pnpm bench:rag                      # 1k, 10k, 20k chunks
 *   pnpm bench:rag -- --sizes 1000,100000
 *   pnpm bench:rag -- --embedded --sizes 20000   # PGlite + pgvector HNSW → bench/results/rag-embedded.json
 *
 * Writes bench/results/rag.json ({ name, date, machine, metrics }). Never pass/fail.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource as DataSourceType } from '../../apps/api/node_modules/typeorm';
import type { AppConfig } from '../../apps/api/src/config/config';
import { dataSourceOptions, migrateWithLock } from '../../apps/api/src/database/data-source';
import { EmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runInTransaction } from '../../apps/api/src/database/transaction';
import type { JobQueue } from '../../apps/api/src/modules/jobs/job-queue.service';
import { KnowledgeIngestionWorker } from '../../apps/api/src/modules/chat/rag/ingestion/knowledge-ingestion.worker';
import {
  KnowledgeChunksRepository,
  NewChunk,
} from '../../apps/api/src/modules/chat/rag/knowledge-chunks.repository';
import { KnowledgeSourcesRepository } from '../../apps/api/src/modules/chat/rag/knowledge-sources.repository';
import { KnowledgeSearch } from '../../apps/api/src/modules/chat/rag/search/knowledge-search';
import { TenantEmbeddings } from '../../apps/api/src/modules/chat/rag/search/tenant-embeddings';
import { scoreAll } from '../../apps/api/src/modules/chat/rag/search/vector-cache';
import { normalise } from '../../apps/api/src/modules/chat/rag/search/vector-math';
import { createTestDatabase, dropTestDatabase } from '../../apps/api/test/support/test-database';
import {
  HashingEmbeddingProvider,
  HashingProviderFactory,
} from '../../apps/api/test/support/hashing-embeddings';
import { FakeServer } from '../../packages/fakes/src/harness/fake-server';

const requireApi = createRequire(join(__dirname, '../../apps/api/package.json'));
const { DataSource } = requireApi('typeorm') as { DataSource: typeof DataSourceType };
// The keyword runs make every query's embedding fail on purpose: their warnings are not news.
(requireApi('@nestjs/common') as { Logger: { overrideLogger(levels: false): void } }).Logger.overrideLogger(
  false,
);

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '1000,10000,20000';
const SIZES = sizesArg.split(',').map(Number);
const QUERIES = Number(process.env.RAG_BENCH_QUERIES ?? 200);
const DIMENSIONS = Number(process.env.RAG_BENCH_DIMENSIONS ?? 768);
const TENANT = 'bench_rag';
/** `--embedded`: PGlite with pgvector (HNSW) instead of the PostgreSQL server (exact scan without pgvector). */
const EMBEDDED = args.includes('--embedded');
/** `--out NAME`: write bench/results/NAME.json instead (e.g. a 100k run kept beside the default one). */
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1] : EMBEDDED ? 'rag-embedded' : 'rag';

interface Stats {
  p50_ms: number;
  p95_ms: number;
  mean_ms: number;
  runs: number;
}

/** Progress lines for the person running the bench. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    p50_ms: round(at(0.5)),
    p95_ms: round(at(0.95)),
    mean_ms: round(samples.reduce((s, v) => s + v, 0) / samples.length),
    runs: samples.length,
  };
}

async function time(runs: number, work: (i: number) => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

/** A deterministic pseudo-random generator, so every run indexes the same text. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const random = rng(42);
const VOCABULARY = Array.from({ length: 6000 }, (_, i) => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let word = '';
  for (let n = 0, len = 4 + (i % 7); n < len; n++) word += letters[Math.floor(random() * 26)];
  return word;
});
const word = () => VOCABULARY[Math.floor(random() ** 2 * VOCABULARY.length)];
const sentence = (words: number) => Array.from({ length: words }, word).join(' ');

async function seedChunks(
  dataSource: DataSourceType,
  chunks: KnowledgeChunksRepository,
  factory: HashingProviderFactory,
  count: number,
  offset: number,
): Promise<void> {
  const perSource = 1000;
  for (let start = 0; start < count; start += perSource) {
    const n = Math.min(perSource, count - start);
    const url = `https://bench.example/page/${offset + start}`;
    const rows: NewChunk[] = Array.from({ length: n }, (_, i) => {
      const text = sentence(150);
      return { url: `${url}/${i}`, title: `Page ${offset + start + i}`, text, embedding: null };
    });
    const vectors = await factory.embedder.embed(rows.map((r) => `${r.title}\n${r.text}`));
    rows.forEach((row, i) => (row.embedding = vectors[i]));
    await chunks.vectorStorage();
    await runInTransaction(dataSource, async (tx) => {
      const [{ id }]: { id: string }[] = await tx.manager.query(
        `INSERT INTO knowledge_sources (tenant_id, url, state, progress, chunk_count)
         VALUES ($1, $2, 'ready', 100, $3) RETURNING id`,
        [TENANT, url, n],
      );
      await chunks.replace(tx.manager, TENANT, id, factory.embedder.space, rows);
    });
  }
}

/** A generated site: `pages` pages of about 3 KB of text, each linking to the next ten. */
function generatedSite(pages: number): FakeServer {
  const site = new FakeServer('bench-site');
  const texts = Array.from({ length: pages }, () =>
    Array.from({ length: 6 }, () => `<p>${sentence(80)}</p>`).join(''),
  );
  site.route('GET', '/p/:n', (req) => {
    const n = Number(req.params.n);
    const links = Array.from(
      { length: 10 },
      (_, i) => `<a href="/p/${(n * 10 + i + 1) % pages}">next ${i}</a>`,
    ).join(' ');
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      raw: `<html><head><title>Page ${n}</title></head><body><nav>${links}</nav><main>${texts[n] ?? ''}</main></body></html>`,
    };
  });
  return site;
}

async function main(): Promise<void> {
  const embedded = EMBEDDED
    ? await EmbeddedPostgres.start(mkdtempSync(join(tmpdir(), 'parley-bench-rag-')))
    : null;
  const url = embedded ? embedded.url : await createTestDatabase('bench_rag');
  const dataSource = new DataSource(dataSourceOptions(url, 4, 'parley-bench'));
  await dataSource.initialize();
  const site = generatedSite(200);
  await site.start();
  try {
    await migrateWithLock(dataSource);
    await dataSource.query(`INSERT INTO tenants (id, name) VALUES ($1, 'RAG bench')`, [TENANT]);
    const factory = new HashingProviderFactory(new HashingEmbeddingProvider(DIMENSIONS));
    const chunks = new KnowledgeChunksRepository(dataSource);
    const sources = new KnowledgeSourcesRepository(dataSource);
    const embeddings = new TenantEmbeddings(factory);
    const search = new KnowledgeSearch(chunks, embeddings);
    // No embedding provider at all: full-text rank only.
    const keywordOnly = new KnowledgeSearch(chunks, new TenantEmbeddings(null));
    const storage = await chunks.vectorStorage();
    const questions = Array.from({ length: QUERIES }, () => `what about ${sentence(6)}?`);

    const loadStart = loadavg()[0];
    const metrics: Record<string, unknown> = {
      embedding_dimensions: DIMENSIONS,
      vector_storage: storage,
      queries_per_size: QUERIES,
      baseline_select_1: await time(QUERIES, () => dataSource.query('SELECT 1')),
    };
    let seeded = 0;
    for (const size of SIZES) {
      const started = performance.now();
      await seedChunks(dataSource, chunks, factory, size - seeded, seeded);
      const seedMs = performance.now() - started;
      seeded = size;
      const indexStarted = performance.now();
      await chunks.ensureVectorIndex(factory.embedder.space, DIMENSIONS);
      const indexMs = performance.now() - indexStarted;
      await dataSource.query('ANALYZE knowledge_chunks');
      const coldStarted = performance.now();
      await search.search({ tenantId: TENANT, question: questions[0] }, null);
      const coldMs = performance.now() - coldStarted;
      const vector = await time(QUERIES, (i) =>
        search.search({ tenantId: TENANT, question: questions[i] }, null),
      );
      const keyword = await time(QUERIES, (i) =>
        keywordOnly.search({ tenantId: TENANT, question: questions[i] }, null),
      );
      factory.embedder.down = true;
      const providerDown = await time(Math.min(QUERIES, 50), (i) =>
        search.search({ tenantId: TENANT, question: questions[i] }, null),
      );
      factory.embedder.down = false;
      // CPU alone: scoring `size` stored vectors in process, no database (shows what machine load costs).
      const synthetic = {
        ids: Array.from({ length: size }, (_, i) => String(i)),
        matrix: Float32Array.from({ length: size * DIMENSIONS }, () => random() - 0.5),
        dimensions: DIMENSIONS,
      };
      const scoringOnly = await time(50, async () =>
        scoreAll(synthetic, normalise(factory.embedder.vector(questions[0])), 4),
      );
      const baseline = (metrics.baseline_select_1 as Stats).p50_ms || 1;
      metrics[`chunks_${size}`] = {
        seed_ms: Math.round(seedMs),
        ...(storage === 'pgvector' ? { hnsw_index_ms: Math.round(indexMs) } : {}),
        vector_first_query_ms: Math.round(coldMs * 10) / 10,
        vector: { ...vector, p50_vs_select_1: Math.round((vector.p50_ms / baseline) * 10) / 10 },
        keyword: { ...keyword, p50_vs_select_1: Math.round((keyword.p50_ms / baseline) * 10) / 10 },
        keyword_after_provider_failure: providerDown,
        in_process_scoring_only: scoringOnly,
      };
      say(
        `${size} chunks: vector p50 ${vector.p50_ms} ms p95 ${vector.p95_ms} ms (first ${coldMs.toFixed(0)} ms); keyword p50 ${keyword.p50_ms} ms p95 ${keyword.p95_ms} ms`,
      );
    }

    // Ingestion: crawl the generated site (depth 3, 200 pages) through the real worker, three times.
    const config = {
      rag: {
        allowPrivateUrls: true,
        maxPageBytes: 2_000_000,
        fetchTimeoutSeconds: 15,
        conversationTimeoutSeconds: 45,
      },
    } as AppConfig;
    const worker = new KnowledgeIngestionWorker(
      config,
      dataSource,
      null as unknown as JobQueue,
      sources,
      chunks,
      embeddings,
    );
    const runs: { pages: number; chunks: number; seconds: number }[] = [];
    for (let run = 0; run < 3; run++) {
      const source = await runInTransaction(dataSource, (tx) =>
        sources.insert(tx.manager, {
          tenantId: TENANT,
          kind: 'tenant',
          url: `${site.url}/p/0?run=${run}`,
          crawlDepth: 3,
          pageLimit: 200,
        }),
      );
      const started = performance.now();
      await worker.ingest({ tenantId: TENANT, sourceId: source.id, generation: source.generation });
      const seconds = (performance.now() - started) / 1000;
      const done = await sources.find(TENANT, source.id);
      if (done?.state !== 'ready') throw new Error(`ingestion ended ${done?.state}: ${done?.error}`);
      runs.push({ pages: done.pagesDone, chunks: done.chunkCount, seconds: Math.round(seconds * 100) / 100 });
    }
    const pagesPerSecond = runs.map((r) => r.pages / r.seconds).sort((x, y) => x - y);
    metrics.ingestion = {
      runs,
      pages_per_second_median: Math.round(pagesPerSecond[1] * 10) / 10,
      embedder: factory.embedder.space,
    };
    say(`ingestion: ${Math.round(pagesPerSecond[1] * 10) / 10} pages/s`);

    const result = {
      name: EMBEDDED ? 'rag-embedded' : 'rag',
      date: new Date().toISOString(),
      machine: {
        // Other work on the machine slows every figure: a 1-minute load above the CPU count means contention.
        load_average_1m: { start: loadStart, end: loadavg()[0] },
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memory_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      metrics,
    };
    const dir = join(__dirname, '../results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${OUT}.json`), `${JSON.stringify(result, null, 2)}\n`);
    say(`wrote ${join(dir, `${OUT}.json`)}`);
  } finally {
    await site.stop();
    await dataSource.destroy();
    if (embedded) await embedded.stop();
    else await dropTestDatabase(url);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
