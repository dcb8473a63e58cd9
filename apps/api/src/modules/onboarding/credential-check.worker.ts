import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { CredentialCheckService } from './credential-check.service';

export const CREDENTIAL_SWEEP_QUEUE = 'credential-check';
export const CREDENTIAL_TENANT_QUEUE = 'credential-check-tenant';

/**
 * The scheduled credential check: on CREDENTIAL_CHECK_CRON one sweep job fans out one job per
 * active tenant, so a slow vendor holds up one tenant's check and not the others'.
 */
@Injectable()
export class CredentialCheckWorker implements OnModuleInit {
  private readonly logger = new Logger('CredentialCheck');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly checks: CredentialCheckService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.defineQueue({ name: CREDENTIAL_SWEEP_QUEUE, retryLimit: 0 });
    await this.jobs.defineQueue({
      name: CREDENTIAL_TENANT_QUEUE,
      retryLimit: 2,
      retryDelaySeconds: 60,
      expireInSeconds: this.config.graph.timeoutSeconds * 4 + this.config.crm.timeoutSeconds * 2 + 60,
    });
    await this.jobs.work(CREDENTIAL_SWEEP_QUEUE, async () => void (await this.sweep()), { concurrency: 1 });
    await this.jobs.work<{ tenantId: string }>(CREDENTIAL_TENANT_QUEUE, async (job) => {
      await this.checks.checkTenant(job.data.tenantId).catch((error: unknown) => {
        // A tenant deleted since the sweep has nothing to check.
        if ((error as { status?: number }).status !== 404) throw error;
      });
    });
    if (!this.jobs.workersEnabled) return;
    const cron = this.config.credentials.checkCron;
    try {
      await this.jobs.schedule(CREDENTIAL_SWEEP_QUEUE, cron);
    } catch (error) {
      throw new Error(
        `CREDENTIAL_CHECK_CRON "${cron}" is not a cron expression pg-boss accepts (e.g. "0 * * * *"): ${(error as Error).message}`,
      );
    }
  }

  /** Queues one check per active tenant; returns how many. */
  async sweep(): Promise<number> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tenants WHERE status = 'active' ORDER BY id`,
    );
    for (const { id } of rows) {
      await this.jobs.send(
        CREDENTIAL_TENANT_QUEUE,
        { tenantId: id },
        { singletonKey: `credential-check:${id}` },
      );
    }
    this.logger.log({ tenants: rows.length }, 'credential checks queued');
    return rows.length;
  }
}
