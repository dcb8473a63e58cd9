import { Injectable } from '@nestjs/common';
import type { CrmKind, LeadSyncState } from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { LeadEntity } from './entities/lead.entity';

export interface NewLeadRow {
  tenantId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string;
  source: string | null;
  crmKind: CrmKind;
}

/** Every query names the tenant: a lead id alone never reaches another tenant's row. */
@Injectable()
export class LeadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the lead unless the tenant already has one with this phone (then returns that one).
   * `local` leads are their own record, so they are synced from the start.
   */
  async insertIfAbsent(
    manager: EntityManager,
    row: NewLeadRow,
  ): Promise<{ lead: LeadEntity; created: boolean }> {
    const local = row.crmKind === 'local';
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(LeadEntity)
      .values({
        ...row,
        syncState: local ? 'synced' : 'pending',
        nextAttemptAt: local ? null : () => 'now()',
        syncedAt: local ? () => 'now()' : null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const inserted = (result.raw as { id: string }[])[0];
    if (inserted && local) {
      await manager.update(LeadEntity, { id: inserted.id, tenantId: row.tenantId }, { crmId: inserted.id });
    }
    const lead = inserted
      ? await manager.findOneOrFail(LeadEntity, { where: { id: inserted.id, tenantId: row.tenantId } })
      : await manager.findOneOrFail(LeadEntity, { where: { tenantId: row.tenantId, phone: row.phone } });
    return { lead, created: !!inserted };
  }

  find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LeadEntity | null> {
    return manager.findOne(LeadEntity, { where: { tenantId, id } });
  }

  findByPhone(tenantId: string, phone: string): Promise<LeadEntity | null> {
    return this.dataSource.manager.findOne(LeadEntity, { where: { tenantId, phone } });
  }

  list(
    tenantId: string,
    filter: { state?: LeadSyncState; offset: number; limit: number },
  ): Promise<[LeadEntity[], number]> {
    return this.dataSource.manager.findAndCount(LeadEntity, {
      where: { tenantId, ...(filter.state ? { syncState: filter.state } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: filter.offset,
      take: filter.limit,
    });
  }

  async countByState(tenantId: string): Promise<Record<LeadSyncState, number>> {
    const rows: { sync_state: LeadSyncState; n: string }[] = await this.dataSource.query(
      `SELECT sync_state, count(*) AS n FROM leads WHERE tenant_id = $1 GROUP BY sync_state`,
      [tenantId],
    );
    const counts: Record<LeadSyncState, number> = { pending: 0, synced: 0, failed: 0 };
    for (const row of rows) counts[row.sync_state] = Number(row.n);
    return counts;
  }

  /**
   * Takes a pending lead for one sync attempt: counts the attempt and leases the row, so a second
   * worker (a manual retry racing a scheduled one) leaves it alone. Null when the lead is synced,
   * failed, gone, or held by another worker.
   */
  async claim(tenantId: string, id: string, leaseSeconds: number): Promise<LeadEntity | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `UPDATE leads
          SET lease_until = now() + make_interval(secs => $3), attempts = attempts + 1,
              last_attempt_at = now(), updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND sync_state = 'pending'
          AND (lease_until IS NULL OR lease_until < now())
        RETURNING id`,
      [tenantId, id, leaseSeconds],
    );
    return rows.length ? this.find(tenantId, id) : null;
  }

  async markSynced(tenantId: string, id: string, crmKind: CrmKind, crmId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE leads SET sync_state = 'synced', crm_kind = $3, crm_id = $4, last_error = NULL,
              synced_at = now(), next_attempt_at = NULL, lease_until = NULL, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, crmKind, crmId],
    );
  }

  /** Keeps the lead pending and says when the next attempt is due. */
  async markRetry(
    manager: EntityManager,
    tenantId: string,
    id: string,
    error: string,
    delaySeconds: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE leads SET last_error = $3, next_attempt_at = now() + make_interval(secs => $4),
              lease_until = NULL, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, error, delaySeconds],
    );
  }

  async markFailed(tenantId: string, id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE leads SET sync_state = 'failed', last_error = $3, next_attempt_at = NULL,
              lease_until = NULL, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, error],
    );
  }

  /** A manual retry: pending again with a fresh budget of attempts, due now. */
  async reopen(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    await manager.query(
      `UPDATE leads SET sync_state = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
  }

  /** Pending leads whose next attempt is overdue and that no worker holds: their job was lost. */
  async overdue(graceSeconds: number, limit: number): Promise<{ tenantId: string; id: string }[]> {
    const rows: { tenant_id: string; id: string }[] = await this.dataSource.query(
      `SELECT tenant_id, id FROM leads
        WHERE sync_state = 'pending' AND next_attempt_at < now() - make_interval(secs => $1)
          AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at LIMIT $2`,
      [graceSeconds, limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id }));
  }
}
