import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface LedgerEntry {
  tenantId: string;
  wamid: string;
  sentAt: Date;
}

/**
 * Outbound messages Meta accepted, by idempotency key (`whatsapp_send_ledger`). The key is
 * globally unique (derived from an inbound wamid); the tenant is checked too so that one tenant
 * can never read another's result.
 */
@Injectable()
export class SendLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(tenantId: string, idempotencyKey: string): Promise<LedgerEntry | null> {
    const rows = await this.dataSource.query<{ tenant_id: string; wamid: string; sent_at: Date }[]>(
      `SELECT tenant_id, wamid, sent_at FROM whatsapp_send_ledger WHERE idempotency_key = $1 AND tenant_id = $2`,
      [idempotencyKey, tenantId],
    );
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, wamid: row.wamid, sentAt: new Date(row.sent_at) } : null;
  }

  /** Records a success; a second record for the same key keeps the first. */
  async record(tenantId: string, idempotencyKey: string, wamid: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO whatsapp_send_ledger (idempotency_key, tenant_id, wamid) VALUES ($1, $2, $3)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [idempotencyKey, tenantId, wamid],
    );
  }
}
