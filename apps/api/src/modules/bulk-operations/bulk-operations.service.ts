import { Injectable } from '@nestjs/common';
import {
  bulkDeleteConfirmation,
  type BulkOperation,
  type BulkOperationCounts,
  type BulkOperationItem,
  type BulkOperationItemPage,
  type BulkOperationPage,
} from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { badRequest, conflict, notFound } from '../../common/http/domain-error';
import { pageWindow, toPage } from '../../common/http/query';
import { runInTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { JobQueue } from '../jobs/job-queue.service';
import { TenantsService } from '../tenant-config/tenants.service';
import { BULK_QUEUE, type BulkJob } from './bulk-queues';
import { BulkOperationsRepository } from './bulk-operations.repository';
import { BulkOperationItemQueryDto, BulkOperationListQueryDto } from './dto/bulk-operation-query.dto';
import { StartBulkOperationDto } from './dto/start-bulk-operation.dto';
import { BulkOperationItemEntity } from './entities/bulk-operation-item.entity';
import { BulkOperationEntity } from './entities/bulk-operation.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNFINISHED = ['queued', 'running'];

/**
 * Starts bulk operations on tenants and reports their progress. The selection is resolved and
 * stored as one item per tenant when the operation starts, in the transaction that also enqueues
 * its job, so what runs is exactly what the admin confirmed.
 */
@Injectable()
export class BulkOperationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: BulkOperationsRepository,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  async start(actor: ActorContext, dto: StartBulkOperationDto): Promise<BulkOperation> {
    if (dto.tenant_ids && dto.filter) throw badRequest('Give either tenant_ids or filter, not both');
    if (!dto.tenant_ids && !dto.filter) throw badRequest('Choose the tenants: give tenant_ids or a filter');
    return runInTransaction(this.dataSource, async (tx) => {
      const m = tx.manager;
      const targets = await this.resolve(m, dto);
      if (targets.length === 0) throw badRequest('No tenant matches this filter; nothing was started');
      if (dto.action === 'delete') {
        const expected = bulkDeleteConfirmation(targets.length);
        if (dto.confirmation !== expected) {
          throw badRequest(
            `confirmation must be exactly "${expected}" to delete the ${targets.length} selected tenant(s); nothing was deleted`,
          );
        }
      }
      const selection = dto.tenant_ids
        ? { tenant_ids: targets.map((t) => t.id) }
        : { filter: { ...dto.filter } };
      const operation = m.create(BulkOperationEntity, {
        action: dto.action,
        selection,
        total: targets.length,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        actorRole: actor.role,
        actorIp: actor.ip,
        requestId: actor.requestId,
      });
      await m.insert(BulkOperationEntity, operation);
      await this.repository.insertItems(m, operation.id, targets);
      await this.audit.record(m, {
        actor,
        tenantId: null,
        action: `bulk.${dto.action}.start`,
        targetType: 'bulk_operation',
        targetId: operation.id,
        after: { action: dto.action, selection, total: targets.length },
      });
      await this.jobs.send<BulkJob>(BULK_QUEUE, { operationId: operation.id }, { tx });
      return this.responseOf(m, operation.id);
    });
  }

  async get(id: string): Promise<BulkOperation> {
    return this.responseOf(this.dataSource.manager, id);
  }

  async list(query: BulkOperationListQueryDto): Promise<BulkOperationPage> {
    const { pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.manager.findAndCount(BulkOperationEntity, {
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offset,
      take: pageSize,
    });
    const counts = await this.repository.counts(rows.map((r) => r.id));
    return toPage(
      rows.map((r) => toBulkOperation(r, counts.get(r.id)!)),
      total,
      query,
    );
  }

  async items(id: string, query: BulkOperationItemQueryDto): Promise<BulkOperationItemPage> {
    await this.find(this.dataSource.manager, id);
    const [rows, total] = await this.repository.items(id, query);
    return toPage(rows.map(toBulkOperationItem), total, query);
  }

  /** Stops an unfinished operation: tenants not yet handled are left as they are. */
  async cancel(actor: ActorContext, id: string): Promise<BulkOperation> {
    return runInTransaction(this.dataSource, async (tx) => {
      const operation = await this.find(tx.manager, id, true);
      if (!UNFINISHED.includes(operation.status)) {
        throw conflict(`This bulk operation is already ${operation.status}; there is nothing to cancel`);
      }
      await this.repository.settlePending(tx.manager, id, 'skipped', 'Cancelled before it ran');
      await tx.manager.update(BulkOperationEntity, { id }, { status: 'cancelled', finishedAt: new Date() });
      const after = await this.responseOf(tx.manager, id);
      await this.audit.record(tx.manager, {
        actor,
        tenantId: null,
        action: `bulk.${operation.action}.cancel`,
        targetType: 'bulk_operation',
        targetId: id,
        after: after.counts,
      });
      return after;
    });
  }

  private async resolve(
    m: EntityManager,
    dto: StartBulkOperationDto,
  ): Promise<{ id: string; name: string | null }[]> {
    if (dto.filter) return this.tenants.matching(m, dto.filter);
    const ids = [...new Set(dto.tenant_ids)];
    const names = await this.tenants.namesOf(m, ids);
    return ids.map((id) => ({ id, name: names.get(id) ?? null }));
  }

  private async find(m: EntityManager, id: string, lock = false): Promise<BulkOperationEntity> {
    const operation = UUID.test(id)
      ? await m.findOne(BulkOperationEntity, {
          where: { id },
          ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!operation) throw notFound(`Bulk operation ${id}`);
    return operation;
  }

  private async responseOf(m: EntityManager, id: string): Promise<BulkOperation> {
    const operation = await this.find(m, id);
    const counts = await this.repository.counts([id], m);
    return toBulkOperation(operation, counts.get(id)!);
  }
}

export function toBulkOperation(row: BulkOperationEntity, counts: BulkOperationCounts): BulkOperation {
  return {
    id: row.id,
    action: row.action,
    status: row.status,
    selection: row.selection,
    counts,
    created_by: row.actorEmail,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
    error: row.error,
  };
}

function toBulkOperationItem(row: BulkOperationItemEntity): BulkOperationItem {
  return {
    tenant_id: row.tenantId,
    tenant_name: row.tenantName,
    status: row.status,
    message: row.message,
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}
