import { Injectable } from '@nestjs/common';
import type { AuditEvent, AuditPage } from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { pageWindow, toPage } from '../../common/http/query';
import { AuditEventEntity } from './audit-event.entity';
import { AuditQueryDto } from './dto/audit-query.dto';

export interface AuditRecord {
  actor: ActorContext;
  tenantId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Already-masked snapshots (response bodies), never entities. */
  before?: unknown;
  after?: unknown;
}

/**
 * The audit trail. Writes go through the caller's transaction manager, so a change and its
 * audit event are committed together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEventEntity, {
      actorUserId: record.actor.userId,
      actorEmail: record.actor.email,
      actorRole: record.actor.role,
      tenantId: record.tenantId,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId ?? null,
      before: record.before ?? null,
      after: record.after ?? null,
      ip: record.actor.ip,
      requestId: record.actor.requestId,
    });
  }

  /** Lists events, newest first; `tenantId` set means only that tenant's events, whatever the query says. */
  async list(query: AuditQueryDto, tenantId?: string): Promise<AuditPage> {
    const { pageSize, offset } = pageWindow(query);
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    const scopedTenant = tenantId ?? query.tenant_id;
    if (scopedTenant) qb.andWhere('e.tenant_id = :tenant', { tenant: scopedTenant });
    if (query.actor) qb.andWhere('e.actor_email ILIKE :actor', { actor: `%${escapeLike(query.actor)}%` });
    if (query.action) qb.andWhere('e.action LIKE :action', { action: `${escapeLike(query.action)}%` });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at <= :to', { to: query.to });
    const [rows, total] = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .offset(offset)
      .limit(pageSize)
      .getManyAndCount();
    return toPage(rows.map(toAuditEvent), total, query);
  }
}

function toAuditEvent(row: AuditEventEntity): AuditEvent {
  return {
    id: String(row.id),
    occurred_at: row.occurredAt.toISOString(),
    actor: { user_id: row.actorUserId, email: row.actorEmail, role: row.actorRole },
    tenant_id: row.tenantId,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    before: row.before,
    after: row.after,
    ip: row.ip,
    request_id: row.requestId,
  };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
