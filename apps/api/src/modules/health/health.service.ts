import { Injectable } from '@nestjs/common';
import type { HealthResponse, HealthState, SystemInfo } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { ShutdownCoordinator } from '../../common/lifecycle/shutdown-coordinator';
import { DatabaseRuntime } from '../../database/database-runtime';
import { JobQueue } from '../jobs/job-queue.service';
import { APP_VERSION } from '../../version';

const CHECK_TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: DatabaseRuntime,
    private readonly jobs: JobQueue,
    private readonly shutdown: ShutdownCoordinator,
  ) {}

  async check(): Promise<HealthResponse> {
    const [database, queue] = await Promise.all([
      probe(async () => {
        await this.dataSource.query('SELECT 1');
        return true;
      }),
      probe(() => this.jobs.isHealthy()),
    ]);
    return {
      status: this.shutdown.draining ? 'draining' : database === 'up' && queue === 'up' ? 'ok' : 'error',
      database,
      queue,
      mode: this.runtime.mode,
      version: APP_VERSION,
      uptime_seconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  async systemInfo(): Promise<SystemInfo> {
    const health = await this.check();
    return {
      ...health,
      node_version: process.version,
      workers_in_process: this.jobs.workersEnabled,
      memory_rss_bytes: process.memoryUsage().rss,
    };
  }
}

async function probe(check: () => Promise<boolean>): Promise<HealthState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([check(), timeout])) ? 'up' : 'down';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
