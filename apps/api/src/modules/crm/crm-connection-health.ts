import { Injectable } from '@nestjs/common';
import type { CrmConnectionStatus } from '@parley/shared-types';
import { DataSource } from 'typeorm';

export interface CrmHealthRow {
  status: CrmConnectionStatus;
  lastError: string | null;
  checkedAt: Date | null;
  leadSource: string | null;
}

/**
 * The health columns of `crm_connections` (status, last error, checked at) and the tenant's Zoho
 * lead source. Writes that would not change the status are skipped, so a busy tenant does not
 * write a row per CRM call.
 */
@Injectable()
export class CrmConnectionHealth {
  private readonly known = new Map<string, CrmConnectionStatus>();

  constructor(private readonly dataSource: DataSource) {}

  async healthy(tenantId: string): Promise<void> {
    if (this.known.get(tenantId) === 'healthy') return;
    await this.write(tenantId, 'healthy', null);
  }

  async unhealthy(tenantId: string, message: string): Promise<void> {
    await this.write(tenantId, 'unhealthy', message);
  }

  /** A connection test: always written, so `checked_at` says when it ran. */
  async record(tenantId: string, ok: boolean, message: string | null): Promise<void> {
    await this.write(tenantId, ok ? 'healthy' : 'unhealthy', ok ? null : message);
  }

  async read(tenantId: string): Promise<CrmHealthRow> {
    const rows: {
      status: CrmConnectionStatus;
      last_error: string | null;
      checked_at: Date | null;
      lead_source: string | null;
    }[] = await this.dataSource.query(
      `SELECT status, last_error, checked_at, lead_source FROM crm_connections WHERE tenant_id = $1`,
      [tenantId],
    );
    const row = rows[0];
    return row
      ? {
          status: row.status,
          lastError: row.last_error,
          checkedAt: row.checked_at,
          leadSource: row.lead_source,
        }
      : { status: 'unknown', lastError: null, checkedAt: null, leadSource: null };
  }

  private async write(
    tenantId: string,
    status: CrmConnectionStatus,
    lastError: string | null,
  ): Promise<void> {
    this.known.set(tenantId, status);
    try {
      await this.dataSource.query(
        `INSERT INTO crm_connections (tenant_id, status, last_error, checked_at)
         SELECT $1, $2, $3, now() WHERE EXISTS (SELECT 1 FROM tenants WHERE id = $1)
         ON CONFLICT (tenant_id) DO UPDATE SET status = $2, last_error = $3, checked_at = now()`,
        [tenantId, status, lastError?.slice(0, 1000) ?? null],
      );
    } catch (error) {
      this.known.delete(tenantId);
      throw error;
    }
  }
}
