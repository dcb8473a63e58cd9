import { Injectable } from '@nestjs/common';
import type { BulkItemStatus, BulkOperationCounts } from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { pageWindow } from '../../common/http/query';
import { BulkOperationItemQueryDto } from './dto/bulk-operation-query.dto';
import { BulkOperationItemEntity } from './entities/bulk-operation-item.entity';

const EMPTY_COUNTS: BulkOperationCounts = { total: 0, pending: 0, succeeded: 0, failed: 0, skipped: 0 };

/** Progress is counted from the items themselves (one indexed query), so there is no counter to drift. */
@Injectable()
export class BulkOperationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertItems(
    manager: EntityManager,
    operationId: string,
    targets: { id: string; name: string | null }[],
  ): Promise<void> {
    // One statement for any number of tenants; ids that name no tenant are settled at once.
    await manager.query(
      `INSERT INTO bulk_operation_items (operation_id, tenant_id, tenant_name, status, message, finished_at)
       SELECT $1, x.id, x.name,
              CASE WHEN x.name IS NULL THEN 'skipped' ELSE 'pending' END,
              CASE WHEN x.name IS NULL THEN 'No tenant has this id' END,
              CASE WHEN x.name IS NULL THEN now() END
       FROM unnest($2::text[], $3::text[]) AS x (id, name)`,
      [operationId, targets.map((t) => t.id), targets.map((t) => t.name)],
    );
  }

  async counts(ids: string[], manager: EntityManager = this.dataSource.manager) {
    const byOperation = new Map<string, BulkOperationCounts>(ids.map((id) => [id, { ...EMPTY_COUNTS }]));
    if (ids.length === 0) return byOperation;
    const rows: { operation_id: string; status: BulkItemStatus; n: number }[] = await manager.query(
      `SELECT operation_id, status, count(*)::int AS n FROM bulk_operation_items
       WHERE operation_id = ANY($1::uuid[]) GROUP BY operation_id, status`,
      [ids],
    );
    for (const row of rows) {
      const counts = byOperation.get(row.operation_id)!;
      counts[row.status] = row.n;
      counts.total += row.n;
    }
    return byOperation;
  }

  async nextPending(operationId: string, limit: number): Promise<string[]> {
    const rows: { tenant_id: string }[] = await this.dataSource.query(
      `SELECT tenant_id FROM bulk_operation_items WHERE operation_id = $1 AND status = 'pending'
       ORDER BY tenant_id LIMIT $2`,
      [operationId, limit],
    );
    return rows.map((r) => r.tenant_id);
  }

  async hasPending(operationId: string): Promise<boolean> {
    return this.dataSource.manager.exists(BulkOperationItemEntity, {
      where: { operationId, status: 'pending' },
    });
  }

  async isPending(operationId: string, tenantId: string): Promise<boolean> {
    return this.dataSource.manager.exists(BulkOperationItemEntity, {
      where: { operationId, tenantId, status: 'pending' },
    });
  }

  /** The item, locked for this transaction, if it is still pending and no other worker holds it. */
  async claim(manager: EntityManager, operationId: string, tenantId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM bulk_operation_items WHERE operation_id = $1 AND tenant_id = $2 AND status = 'pending'
       FOR UPDATE SKIP LOCKED`,
      [operationId, tenantId],
    );
    return rows.length > 0;
  }

  async settle(
    manager: EntityManager,
    operationId: string,
    tenantId: string,
    status: Exclude<BulkItemStatus, 'pending'>,
    message: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE bulk_operation_items SET status = $3, message = $4, finished_at = now()
       WHERE operation_id = $1 AND tenant_id = $2 AND status = 'pending'`,
      [operationId, tenantId, status, message],
    );
  }

  /** Every item still pending gets `status` and `message` (cancel, failure). */
  async settlePending(
    manager: EntityManager,
    operationId: string,
    status: 'skipped',
    message: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE bulk_operation_items SET status = $2, message = $3, finished_at = now()
       WHERE operation_id = $1 AND status = 'pending'`,
      [operationId, status, message],
    );
  }

  async items(operationId: string, query: BulkOperationItemQueryDto) {
    const { pageSize, offset } = pageWindow(query);
    return this.dataSource.manager.findAndCount(BulkOperationItemEntity, {
      where: { operationId, ...(query.status ? { status: query.status } : {}) },
      order: { tenantId: 'ASC' },
      skip: offset,
      take: pageSize,
    });
  }
}
