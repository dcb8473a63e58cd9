import type { BulkItemStatus } from '@parley/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One tenant of a bulk operation and what happened to it. */
@Entity('bulk_operation_items')
export class BulkOperationItemEntity {
  @PrimaryColumn({ type: 'uuid' })
  operationId: string;

  @PrimaryColumn({ type: 'text' })
  tenantId: string;

  /** Kept so the result still names a tenant the operation deleted. */
  @Column({ type: 'text', nullable: true })
  tenantName: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: BulkItemStatus;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
