import type { BulkAction, BulkOperationStatus, BulkTenantFilter } from '@parley/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One bulk request: what to do, to which tenants (the items), who asked, and how far it got. */
@Entity('bulk_operations')
export class BulkOperationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  action: BulkAction;

  @Column({ type: 'text', default: 'queued' })
  status: BulkOperationStatus;

  /** The selection as sent: `{tenant_ids}` or `{filter}`. */
  @Column({ type: 'jsonb' })
  selection: { tenant_ids: string[] } | { filter: BulkTenantFilter };

  @Column({ type: 'integer' })
  total: number;

  // Who started it: the per-tenant audit events written by the worker carry this actor.
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  actorEmail: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'text', nullable: true })
  actorIp: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
