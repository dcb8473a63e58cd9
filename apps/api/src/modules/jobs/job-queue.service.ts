import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { DatabaseRuntime } from '../../database/database-runtime';
import { NotificationHub } from '../../database/notification-hub';
import { Tx } from '../../database/transaction';
import { PROCESS_ROLE, ProcessRole } from '../../config/process-role';
import { ShutdownCoordinator } from '../../common/lifecycle/shutdown-coordinator';
import { Metrics, QueueDepth } from '../metrics/metrics.service';
import { guardPgBossFloatingPromises } from './pg-boss-floating-promises';

export interface QueueSpec {
  name: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** How long a job may stay active before it counts as crashed and is retried. */
  expireInSeconds?: number;
  deadLetter?: string;
}

export interface SendOptions {
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  tx?: Tx;
  startAfterSeconds?: number;
  singletonKey?: string;
  retryLimit?: number;
}

export interface JobInfo<T> {
  id: string;
  name: string;
  data: T;
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T> = (job: JobInfo<T>) => Promise<void>;

const WAKE_CHANNEL = 'parley_jobs';
/** Advisory lock key under which queues are created (any constant unique within Parley). */
const QUEUE_DDL_LOCK = 7_401_339;

/** Per queue: due jobs waiting for a worker, jobs waiting for a retry delay or start time, running jobs. */
const QUEUE_DEPTH_SQL = `
  SELECT q.name AS queue,
         count(*) FILTER (WHERE j.state < 'active' AND j.start_after <= now()) AS queued,
         count(*) FILTER (WHERE j.state < 'active' AND j.start_after > now()) AS deferred,
         count(*) FILTER (WHERE j.state = 'active') AS active
  FROM pgboss.queue q
  LEFT JOIN pgboss.job j ON j.name = q.name AND j.state <= 'active'
  WHERE NOT starts_with(q.name, '__pgboss__')
  GROUP BY q.name`;

/**
 * pg-boss on Parley's own database. Feature modules declare their queues and handlers; whether
 * handlers actually run here depends on the process role (HTTP process with RUN_WORKERS, or the
 * worker process). Workers poll, and are also woken at once when a job is enqueued anywhere.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss!: PgBoss;
  private readonly workerIds = new Map<string, string[]>();
  /** Draining: no new handlers, no new jobs taken. */
  private stopping = false;
  /** pg-boss is stopping or stopped: no queries. */
  private closed = false;
  /** Handlers running in this process right now, and since when none has been. */
  private running = 0;
  private idleSince: number | null = null;
  private readonly pendingWakes = new Map<string, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    private readonly runtime: DatabaseRuntime,
    private readonly hub: NotificationHub,
    private readonly metrics: Metrics,
    private readonly shutdown: ShutdownCoordinator,
  ) {}

  get workersEnabled(): boolean {
    return this.role === 'worker' || (this.role === 'api' && (this.config.jobs.runWorkers ?? true));
  }

  async onModuleInit(): Promise<void> {
    guardPgBossFloatingPromises();
    this.boss = new PgBoss({
      connectionString: this.runtime.url,
      max: this.runtime.poolSize(4),
      application_name: 'parley-jobs',
      schema: 'pgboss',
      supervise: this.role !== 'cli',
      schedule: this.role !== 'cli',
    });
    this.boss.on('error', (error) => this.logger.warn({ err: error }, 'pg-boss reported an error'));
    // Starting creates pg-boss's schema and, with schedules on, a queue of its own (see defineQueue).
    await this.oneAtATime(() => this.boss.start());
    if (this.role !== 'cli') this.metrics.setQueueDepthSource(() => this.depths());
    if (this.workersEnabled) {
      await this.hub.subscribe(WAKE_CHANNEL, (queue) => this.wakeLocal(queue));
    }
  }

  /**
   * Creates the queue if it does not exist yet. pg-boss's create_queue attaches a partition and
   * adds foreign keys; replicas booting together on a fresh database deadlock when two of them
   * create queues at the same moment, so creations take turns across every process.
   */
  async defineQueue(spec: QueueSpec): Promise<void> {
    if (await this.boss.getQueue(spec.name)) return;
    // pg-boss validates every key it is given, so absent options must be absent, not undefined.
    await this.oneAtATime(() =>
      this.boss.createQueue(
        spec.name,
        withoutUndefined({
          name: spec.name,
          retryLimit: spec.retryLimit,
          retryDelay: spec.retryDelaySeconds,
          retryBackoff: spec.retryBackoff,
          expireInSeconds: spec.expireInSeconds,
          deadLetter: spec.deadLetter,
        }),
      ),
    );
  }

  async send<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const { tx } = options;
    const id = await this.boss.send(queue, data, {
      ...withoutUndefined({
        startAfter: options.startAfterSeconds,
        singletonKey: options.singletonKey,
        retryLimit: options.retryLimit,
      }),
      ...(tx ? { db: { executeSql: (text: string, values: unknown[]) => executeOn(tx, text, values) } } : {}),
    });
    const wake = () => this.wake(queue);
    if (tx) tx.afterCommit(wake);
    else await wake();
    return id;
  }

  /**
   * Enqueues several jobs of one queue in one statement (queue defaults apply), inside `tx` when
   * given. Used by the webhook ingest, which groups concurrent deliveries into one transaction.
   */
  async sendMany<T extends object>(queue: string, items: T[], options: { tx?: Tx } = {}): Promise<void> {
    if (items.length === 0) return;
    const { tx } = options;
    await this.boss.insert(
      items.map((data) => ({ name: queue, data })),
      tx ? { db: { executeSql: (text: string, values: unknown[]) => executeOn(tx, text, values) } } : {},
    );
    // The commit is what the caller waits for; the wake-up NOTIFY goes out after it, unawaited.
    const wake = () => void this.wake(queue).catch(() => undefined);
    if (tx) tx.afterCommit(wake);
    else wake();
  }

  /** Wakes the queue's workers everywhere after jobs were inserted by SQL of the caller's own (see job-insert-sql.ts). */
  wakeSoon(queue: string): void {
    void this.wake(queue).catch(() => undefined);
  }

  /**
   * Registers a handler; `concurrency` jobs of this queue run at once in this process. A handler
   * that throws fails the attempt: pg-boss retries it until the queue's retry limit, then the job
   * fails for good (and moves to the queue's dead letter queue, if it has one).
   */
  async work<T>(
    queue: string,
    handler: JobHandler<T>,
    options: { concurrency?: number } = {},
  ): Promise<void> {
    if (!this.workersEnabled || this.stopping) return;
    const concurrency = options.concurrency ?? this.config.jobs.workerConcurrency;
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      const slot: { id?: string } = {};
      slot.id = await this.boss.work<T>(
        queue,
        { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
        // A slot that just ran a job fetches again at once: pg-boss otherwise waits out the polling
        // interval after every job, so a backlog drained at one job per slot per second once the
        // wake-ups stopped (bench/e2e: 5.9 msg/s with one worker process).
        ([job]: PgBoss.JobWithMetadata<T>[]) =>
          this.run(queue, job, handler).finally(() => {
            if (slot.id) this.boss.notifyWorker(slot.id);
          }),
      );
      ids.push(slot.id);
    }
    this.workerIds.set(queue, [...(this.workerIds.get(queue) ?? []), ...ids]);
  }

  /** One attempt of one job, measured: wait before the start, run time by outcome, retries, final failures. */
  private async run<T>(queue: string, job: PgBoss.JobWithMetadata<T>, handler: JobHandler<T>): Promise<void> {
    this.running += 1;
    const started = process.hrtime.bigint();
    this.metrics.jobLatency.observe({ queue }, waitedSeconds(job));
    let result: 'completed' | 'retried' | 'failed' = 'completed';
    try {
      await handler({
        id: job.id,
        name: job.name,
        data: job.data,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
      });
    } catch (error) {
      const willRetry = job.retryCount < job.retryLimit;
      result = willRetry ? 'retried' : 'failed';
      (willRetry ? this.metrics.jobRetries : this.metrics.deadLetters).inc({ queue });
      const fields = { err: error, queue, job_id: job.id, attempt: job.retryCount + 1 };
      if (willRetry) this.logger.warn(fields, 'Job attempt failed; it will be retried');
      else this.logger.error(fields, 'Job failed for the last time');
      throw error;
    } finally {
      this.metrics.jobDuration.observe({ queue, result }, Number(process.hrtime.bigint() - started) / 1e9);
      this.running -= 1;
    }
  }

  async schedule(queue: string, cron: string, data: object = {}): Promise<void> {
    await this.boss.schedule(queue, cron, data, { tz: 'UTC' });
  }

  async queueSize(queue: string): Promise<number> {
    return this.boss.getQueueSize(queue);
  }

  async isHealthy(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.boss.getDb().executeSql('SELECT 1', []);
      return true;
    } catch {
      return false;
    }
  }

  /** The underlying pg-boss, for operations this wrapper does not cover (dead letters, replays). */
  get raw(): PgBoss {
    return this.boss;
  }

  /**
   * Stops taking new jobs and waits, until the shutdown deadline, for the running ones to finish.
   * Resolves true when they all did. Whatever still runs afterwards is failed by `stop` and retried
   * by another worker (or after the next start).
   */
  async drain(): Promise<boolean> {
    this.stopping = true;
    if (this.workerIds.size === 0 && this.running === 0) return true;
    for (const queue of this.workerIds.keys()) await this.boss.offWork(queue);
    // A worker may have been fetching when it was told to stop: look twice before calling it idle.
    return this.shutdown.waitUntil(() => this.running === 0 && this.settledSince(100));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
    this.closed = true;
    await this.boss.stop({ graceful: false, wait: true });
  }

  /** Queue depth per queue, for /metrics. */
  private async depths(): Promise<QueueDepth[]> {
    const { rows }: { rows: { queue: string; queued: string; deferred: string; active: string }[] } =
      await this.boss.getDb().executeSql(QUEUE_DEPTH_SQL, []);
    return rows.map((r) => ({
      queue: r.queue,
      queued: Number(r.queued),
      deferred: Number(r.deferred),
      active: Number(r.active),
    }));
  }

  private settledSince(ms: number): boolean {
    if (this.running > 0) {
      this.idleSince = null;
      return false;
    }
    this.idleSince ??= Date.now();
    return Date.now() - this.idleSince >= ms;
  }

  /** Runs `work` while holding a PostgreSQL advisory lock that every Parley process shares for queue DDL. */
  private async oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.runtime.url, application_name: 'parley-jobs-ddl' });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [QUEUE_DDL_LOCK]);
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [QUEUE_DDL_LOCK]).catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Wake-ups are coalesced: however many jobs of a queue are enqueued in the same tick (a burst of
   * webhook deliveries), workers everywhere get one NOTIFY for it.
   */
  private wake(queue: string): Promise<void> {
    let pending = this.pendingWakes.get(queue);
    if (!pending) {
      pending = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pendingWakes.delete(queue);
        return this.hub.publish(WAKE_CHANNEL, queue);
      });
      this.pendingWakes.set(queue, pending);
    }
    return pending;
  }

  private wakeLocal(queue: string): void {
    for (const id of this.workerIds.get(queue) ?? []) this.boss.notifyWorker(id);
  }
}

async function executeOn(tx: Tx, text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
  const runner = tx.manager.queryRunner;
  if (!runner) throw new Error('JobQueue.send: the transaction has no query runner');
  const result = await runner.query(text, values, true);
  return { rows: result.records as unknown[] };
}

/** Seconds from when the job was due (enqueued, or its retry or start time) to its start; both clocks are the database's. */
function waitedSeconds(job: PgBoss.JobWithMetadata<unknown>): number {
  const due = Math.max(job.createdOn.getTime(), job.startAfter.getTime());
  return Math.max(0, (job.startedOn.getTime() - due) / 1000);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
