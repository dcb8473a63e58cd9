import type { CrmKind, LeadSyncState } from '@parley/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A lead as Parley keeps it, whatever the tenant's CRM: the record itself for `local`, else the
 * outbox row that is written to Zoho or HubSpot until the CRM has it. One per phone per tenant.
 */
@Entity('leads')
export class LeadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  tenantId: string;

  @Column({ type: 'text', nullable: true })
  firstName: string | null;

  @Column({ type: 'text', nullable: true })
  lastName: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** E.164. */
  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ type: 'text' })
  crmKind: CrmKind;

  @Column({ type: 'text', default: 'pending' })
  syncState: LeadSyncState;

  @Column({ type: 'text', nullable: true })
  crmId: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** A worker holds the lead until then; another worker leaves it alone. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  syncedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
