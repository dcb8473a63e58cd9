import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { runInTransaction, Tx } from '../../database/transaction';
import { JobQueue } from '../jobs/job-queue.service';
import { CRM_PROVIDER_FACTORY, type CrmProviderFactory } from './crm-provider.port';
import { CrmError, crmErrors, isCrmError } from './crm-errors';
import { LeadEntity } from './entities/lead.entity';
import { retryDelaySeconds } from './lead-sync-backoff';
import { LeadsRepository } from './leads.repository';

export interface LeadSyncJob {
  tenantId: string;
  leadId: string;
}

export const LEAD_SYNC_QUEUE = 'crm-lead-sync';
export const LEAD_SWEEP_QUEUE = 'crm-lead-sweep';
/** A retry whose job has not run this long after it was due counts as lost and is enqueued again. */
const SWEEP_GRACE_SECONDS = 120;

/**
 * The lead outbox. Each job writes one lead to its tenant's CRM: search by phone first (so a
 * retry after a lost answer finds the record instead of creating a second one), create only on
 * a miss. A failure the CRM may get over (down, 5xx, 429, auth, not configured) keeps the lead
 * `pending` and schedules the next attempt with backoff, or when the CRM said to; data the CRM
 * refuses, or too many attempts, make it `failed` until someone retries it.
 */
@Injectable()
export class LeadSyncWorker implements OnModuleInit {
  private readonly logger = new Logger('LeadSync');
  private readonly leaseSeconds: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CRM_PROVIDER_FACTORY) private readonly providers: CrmProviderFactory,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly leads: LeadsRepository,
  ) {
    // Long enough for the slowest attempt: a token refresh, three searches, a create, rate-limit waits.
    this.leaseSeconds = config.crm.timeoutSeconds * 6 + config.crm.rateLimitMaxWaitSeconds + 30;
  }

  async onModuleInit(): Promise<void> {
    await this.jobs.defineQueue({
      name: LEAD_SYNC_QUEUE,
      // Only crashes reach pg-boss retries: CRM failures are rescheduled by the handler itself.
      retryLimit: 5,
      retryDelaySeconds: 10,
      retryBackoff: true,
      expireInSeconds: this.leaseSeconds + 60,
    });
    await this.jobs.defineQueue({ name: LEAD_SWEEP_QUEUE, retryLimit: 0 });
    await this.jobs.work<LeadSyncJob>(LEAD_SYNC_QUEUE, (job) => this.sync(job.data));
    await this.jobs.work(LEAD_SWEEP_QUEUE, async () => void (await this.sweep()), { concurrency: 1 });
    if (this.jobs.workersEnabled) await this.jobs.schedule(LEAD_SWEEP_QUEUE, '*/5 * * * *');
  }

  /** Queues a sync of the lead inside the caller's transaction. */
  async enqueue(tx: Tx, tenantId: string, leadId: string, delaySeconds?: number): Promise<void> {
    await this.jobs.send<LeadSyncJob>(
      LEAD_SYNC_QUEUE,
      { tenantId, leadId },
      { tx, startAfterSeconds: delaySeconds },
    );
  }

  /** One attempt to write the lead to the tenant's CRM. */
  async sync({ tenantId, leadId }: LeadSyncJob): Promise<void> {
    const lead = await this.leads.claim(tenantId, leadId, this.leaseSeconds);
    if (!lead) return;
    try {
      const provider = await this.providers.forTenant(tenantId);
      const existing = await provider.findLeadByPhone(lead.phone);
      const crmId =
        existing?.id ??
        (
          await provider.createLead({
            firstName: lead.firstName ?? lead.lastName ?? lead.phone,
            lastName: lead.firstName ? lead.lastName : null,
            email: lead.email,
            phone: lead.phone,
            source: lead.source,
          })
        ).id;
      await this.leads.markSynced(tenantId, leadId, provider.kind, crmId);
    } catch (error) {
      await this.failed(lead, asCrmError(error, lead));
    }
  }

  /** Re-enqueues pending leads whose retry job was lost (a crash between attempts, a purge). */
  async sweep(): Promise<number> {
    const overdue = await this.leads.overdue(SWEEP_GRACE_SECONDS, 500);
    for (const { tenantId, id } of overdue) {
      await this.jobs.send<LeadSyncJob>(LEAD_SYNC_QUEUE, { tenantId, leadId: id });
    }
    return overdue.length;
  }

  private async failed(lead: LeadEntity, error: CrmError): Promise<void> {
    const { tenantId, id, attempts } = lead;
    const { syncMaxAttempts, syncRetryBaseSeconds, syncRetryMaxSeconds } = this.config.crm;
    this.logger.warn(
      { tenantId, leadId: id, attempts, kind: error.kind },
      `lead sync failed: ${error.message}`,
    );
    if (!error.retryable) {
      await this.leads.markFailed(tenantId, id, error.message);
      return;
    }
    if (attempts >= syncMaxAttempts) {
      await this.leads.markFailed(tenantId, id, `Gave up after ${attempts} attempts: ${error.message}`);
      return;
    }
    const delay =
      error.kind === 'rate_limited' && error.retryAfterMs !== undefined
        ? Math.max(1, Math.ceil(error.retryAfterMs / 1000))
        : retryDelaySeconds(attempts, syncRetryBaseSeconds, syncRetryMaxSeconds);
    await runInTransaction(this.dataSource, async (tx) => {
      await this.leads.markRetry(tx.manager, tenantId, id, error.message, delay);
      await this.enqueue(tx, tenantId, id, delay);
    });
  }
}

function asCrmError(error: unknown, lead: LeadEntity): CrmError {
  if (isCrmError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return crmErrors.unavailable(lead.crmKind, `Unexpected error while writing the lead: ${message}`);
}
