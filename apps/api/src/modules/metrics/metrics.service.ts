import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface QueueDepth {
  queue: string;
  queued: number;
  deferred: number;
  active: number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Every Prometheus metric Parley exposes, on a registry of its own per application instance
 * (several instances share one process in tests). Labels are bounded sets: no tenant ids, no
 * user ids, no free text.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'parley_http_requests_total',
    help: 'HTTP requests by route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request latency by route template',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** result: accepted | duplicate | rejected | unrouted; reason: why a delivery was rejected (signature, json, size). */
  readonly webhookDeliveries = new Counter({
    name: 'parley_webhook_deliveries_total',
    help: 'WhatsApp webhook deliveries by outcome',
    labelNames: ['result', 'reason'] as const,
    registers: [this.registry],
  });

  /**
   * Read from the database at scrape time, so every process reports the same numbers (use max,
   * not sum, across replicas). state: queued (due, waiting for a worker) | deferred (waiting for
   * a retry delay or a start time) | active (running now).
   */
  readonly queueDepth = new Gauge({
    name: 'parley_queue_depth',
    help: 'Jobs per queue and state, read from the database at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
    collect: () => this.collectQueueDepth(),
  });

  /** result: completed | retried (failed, will run again) | failed (failed for the last time). */
  readonly jobDuration = new Histogram({
    name: 'parley_job_duration_seconds',
    help: 'Job run time by queue and outcome',
    labelNames: ['queue', 'result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** From the moment a job is due (enqueued, or its retry or start time) to the start of the run. */
  readonly jobLatency = new Histogram({
    name: 'parley_job_latency_seconds',
    help: 'Time jobs wait in the queue before a worker starts them',
    labelNames: ['queue'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly jobRetries = new Counter({
    name: 'parley_job_retries_total',
    help: 'Job attempts that failed and will be retried',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'parley_dead_letters_total',
    help: 'Jobs that exhausted their retries',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  /** result: sent | failed | retried | captured; code: Meta's error code or "none". */
  readonly outboundMessages = new Counter({
    name: 'parley_outbound_messages_total',
    help: 'Outbound WhatsApp messages by result and Meta error code',
    labelNames: ['result', 'code'] as const,
    registers: [this.registry],
  });

  readonly crmCalls = new Counter({
    name: 'parley_crm_calls_total',
    help: 'CRM API calls by provider, operation and result',
    labelNames: ['provider', 'operation', 'result'] as const,
    registers: [this.registry],
  });

  readonly crmDuration = new Histogram({
    name: 'parley_crm_call_duration_seconds',
    help: 'CRM API call latency',
    labelNames: ['provider', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly llmCalls = new Counter({
    name: 'parley_llm_calls_total',
    help: 'LLM calls by provider and result',
    labelNames: ['provider', 'result'] as const,
    registers: [this.registry],
  });

  readonly llmDuration = new Histogram({
    name: 'parley_llm_call_duration_seconds',
    help: 'LLM call latency',
    labelNames: ['provider'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** kind: prompt | completion */
  readonly llmTokens = new Counter({
    name: 'parley_llm_tokens_total',
    help: 'LLM tokens used by provider and kind',
    labelNames: ['provider', 'kind'] as const,
    registers: [this.registry],
  });

  private queueDepthSource: (() => Promise<QueueDepth[]>) | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
  }

  /** Where parley_queue_depth comes from (the job queue registers its database query). */
  setQueueDepthSource(source: () => Promise<QueueDepth[]>): void {
    this.queueDepthSource = source;
  }

  private async collectQueueDepth(): Promise<void> {
    if (!this.queueDepthSource) return;
    let depths: QueueDepth[];
    try {
      depths = await this.queueDepthSource();
    } catch {
      // A scrape must not fail because the database is away; /health reports that. No numbers beat stale ones.
      this.queueDepth.reset();
      return;
    }
    this.queueDepth.reset();
    for (const { queue, queued, deferred, active } of depths) {
      this.queueDepth.set({ queue, state: 'queued' }, queued);
      this.queueDepth.set({ queue, state: 'deferred' }, deferred);
      this.queueDepth.set({ queue, state: 'active' }, active);
    }
  }

  /** Times `work` into a histogram with the given labels, whatever its outcome. */
  async time<T>(
    histogram: Histogram<string>,
    labels: Record<string, string>,
    work: () => Promise<T>,
  ): Promise<T> {
    const end = histogram.startTimer(labels);
    try {
      return await work();
    } finally {
      end();
    }
  }
}
