import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { DomainError } from '../../common/http/domain-error';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { runInTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { JobQueue } from '../jobs/job-queue.service';
import { TenantsService } from '../tenant-config/tenants.service';
import { BulkActionHandler, BulkActions, BulkItemOutcome, OutsideTransactionHandler } from './bulk-actions';
import { BULK_DEAD_QUEUE, BULK_QUEUE, type BulkJob } from './bulk-queues';
import { BulkOperationsRepository } from './bulk-operations.repository';
import { BulkOperationEntity } from './entities/bulk-operation.entity';

const FINISHED = ['completed', 'cancelled', 'failed'];

/**
 * Works through a bulk operation: each job handles up to BULK_ITEMS_PER_JOB pending tenants, one
 * transaction each (the change, its audit event and the tenant's result commit together), then
 * enqueues the next slice or closes the operation. A crashed job is retried and simply continues
 * with what is still pending; two jobs on one operation never handle the same tenant (SKIP LOCKED).
 */
@Injectable()
export class BulkOperationRunner implements OnModuleInit {
  private readonly logger = new Logger('BulkOperations');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly repository: BulkOperationsRepository,
    private readonly actions: BulkActions,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.defineQueue({ name: BULK_DEAD_QUEUE });
    await this.jobs.defineQueue({
      name: BULK_QUEUE,
      retryLimit: 3,
      retryDelaySeconds: 5,
      retryBackoff: true,
      deadLetter: BULK_DEAD_QUEUE,
    });
    await this.jobs.work<BulkJob>(BULK_QUEUE, (job) => this.runSlice(job.data.operationId), {
      concurrency: 2,
    });
    await this.jobs.work<BulkJob>(BULK_DEAD_QUEUE, (job) => this.markFailed(job.data.operationId), {
      concurrency: 1,
    });
  }

  /** One job's share of the operation. */
  async runSlice(operationId: string): Promise<void> {
    const operation = await this.dataSource.manager.findOne(BulkOperationEntity, {
      where: { id: operationId },
    });
    if (!operation || FINISHED.includes(operation.status)) return;
    if (operation.status === 'queued') {
      await this.dataSource.manager.update(
        BulkOperationEntity,
        { id: operationId, status: 'queued' },
        { status: 'running', startedAt: new Date() },
      );
    }
    const handler = this.actions.handler(operation.action);
    const actor = actorOf(operation);
    for (const tenantId of await this.repository.nextPending(
      operationId,
      this.config.admin.bulkItemsPerJob,
    )) {
      await this.runItem(operation, handler, actor, tenantId);
    }
    if (await this.repository.hasPending(operationId)) {
      await this.jobs.send<BulkJob>(BULK_QUEUE, { operationId });
      return;
    }
    await this.finish(operation, actor);
  }

  private async runItem(
    operation: BulkOperationEntity,
    handler: BulkActionHandler,
    actor: ActorContext,
    tenantId: string,
  ): Promise<void> {
    try {
      if (handler.kind === 'outside_transaction') {
        await this.runOutside(operation, handler, actor, tenantId);
        return;
      }
      await runInTransaction(this.dataSource, async (tx) => {
        if (!(await this.repository.claim(tx.manager, operation.id, tenantId))) return;
        const outcome = (await this.tenants.exists(tx.manager, tenantId))
          ? await handler.run(tx, actor, tenantId)
          : { status: 'skipped' as const, message: 'The tenant no longer exists' };
        await this.repository.settle(
          tx.manager,
          operation.id,
          tenantId,
          outcome.status,
          outcome.message ?? null,
        );
      });
    } catch (error) {
      // The tenant's own change rolled back; record why, and go on with the others.
      const expected = error instanceof DomainError;
      if (!expected) {
        this.logger.warn(
          { err: error, operation_id: operation.id, tenant_id: tenantId, action: operation.action },
          'A tenant of a bulk operation failed',
        );
      }
      await this.repository.settle(
        this.dataSource.manager,
        operation.id,
        tenantId,
        'failed',
        expected ? error.message : 'Unexpected error; the server log has the details',
      );
    }
  }

  /**
   * The handler runs with no transaction open (see OutsideTransactionHandler); its result and the
   * audit event are then written together, and only if no other job settled the tenant meanwhile.
   */
  private async runOutside(
    operation: BulkOperationEntity,
    handler: OutsideTransactionHandler,
    actor: ActorContext,
    tenantId: string,
  ): Promise<void> {
    if (!(await this.repository.isPending(operation.id, tenantId))) return;
    const outcome: BulkItemOutcome = (await this.tenants.exists(this.dataSource.manager, tenantId))
      ? await handler.run(actor, tenantId)
      : { status: 'skipped', message: 'The tenant no longer exists' };
    await runInTransaction(this.dataSource, async (tx) => {
      if (!(await this.repository.claim(tx.manager, operation.id, tenantId))) return;
      await this.repository.settle(
        tx.manager,
        operation.id,
        tenantId,
        outcome.status,
        outcome.message ?? null,
      );
      // Skipped means nothing was done (not available, nothing to re-crawl): nothing to audit.
      if (outcome.status === 'skipped') return;
      await this.audit.record(tx.manager, {
        actor,
        tenantId,
        action: `tenant.bulk_${operation.action}`,
        targetType: 'tenant',
        targetId: tenantId,
        after: { result: outcome.status, message: outcome.message ?? null, operation_id: operation.id },
      });
    });
  }

  private async finish(operation: BulkOperationEntity, actor: ActorContext): Promise<void> {
    await runInTransaction(this.dataSource, async (tx) => {
      const { affected } = await tx.manager.update(
        BulkOperationEntity,
        { id: operation.id, status: 'running' },
        { status: 'completed', finishedAt: new Date() },
      );
      if (!affected) return;
      const counts = (await this.repository.counts([operation.id], tx.manager)).get(operation.id);
      await this.audit.record(tx.manager, {
        actor,
        tenantId: null,
        action: `bulk.${operation.action}.complete`,
        targetType: 'bulk_operation',
        targetId: operation.id,
        after: counts,
      });
    });
  }

  /** The job failed on every retry: close the operation and say what was left undone. */
  async markFailed(operationId: string): Promise<void> {
    await runInTransaction(this.dataSource, async (tx) => {
      const operation = await tx.manager.findOne(BulkOperationEntity, {
        where: { id: operationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!operation || FINISHED.includes(operation.status)) return;
      await this.repository.settlePending(
        tx.manager,
        operationId,
        'skipped',
        'Not handled: the operation failed',
      );
      await tx.manager.update(
        BulkOperationEntity,
        { id: operationId },
        {
          status: 'failed',
          finishedAt: new Date(),
          error: 'The background job failed on every retry; tenants not yet handled were left unchanged',
        },
      );
      await this.audit.record(tx.manager, {
        actor: actorOf(operation),
        tenantId: null,
        action: `bulk.${operation.action}.fail`,
        targetType: 'bulk_operation',
        targetId: operationId,
      });
    });
  }
}

function actorOf(operation: BulkOperationEntity): ActorContext {
  return {
    userId: operation.actorUserId,
    email: operation.actorEmail,
    role: operation.actorRole,
    ip: operation.actorIp,
    requestId: operation.requestId,
  };
}
