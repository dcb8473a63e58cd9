import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { DatabaseRuntime } from '../../database/database-runtime';
import { NotificationHub } from '../../database/notification-hub';
import { Tx } from '../../database/transaction';
import { PROCESS_ROLE, ProcessRole } from '../../config/process-role';

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
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    private readonly runtime: DatabaseRuntime,
    private readonly hub: NotificationHub,
  ) {}

  get workersEnabled(): boolean {
    return this.role === 'worker' || (this.role === 'api' && (this.config.jobs.runWorkers ?? true));
  }

  async onModuleInit(): Promise<void> {
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

  /** Registers a handler; `concurrency` jobs of this queue run at once in this process. */
  async work<T>(
    queue: string,
    handler: JobHandler<T>,
    options: { concurrency?: number } = {},
  ): Promise<void> {
    if (!this.workersEnabled) return;
    const concurrency = options.concurrency ?? this.config.jobs.workerConcurrency;
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      ids.push(
        await this.boss.work<T>(
          queue,
          { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
          async ([job]: PgBoss.JobWithMetadata<T>[]) =>
            handler({
              id: job.id,
              name: job.name,
              data: job.data,
              retryCount: job.retryCount,
              retryLimit: job.retryLimit,
            }),
        ),
      );
    }
    this.workerIds.set(queue, [...(this.workerIds.get(queue) ?? []), ...ids]);
  }

  async schedule(queue: string, cron: string, data: object = {}): Promise<void> {
    await this.boss.schedule(queue, cron, data, { tz: 'UTC' });
  }

  async queueSize(queue: string): Promise<number> {
    return this.boss.getQueueSize(queue);
  }

  async isHealthy(): Promise<boolean> {
    if (this.stopping) return false;
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

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    // Let running jobs finish; anything unfinished at the timeout is retried after expiry.
    await this.boss.stop({ graceful: true, wait: true, timeout: 20_000 });
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

  private async wake(queue: string): Promise<void> {
    await this.hub.publish(WAKE_CHANNEL, queue);
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

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
