import { Injectable } from '@nestjs/common';
import type { DeadLetter } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { changedRows } from './changed-rows';

interface DeadLetterRow {
  id: string;
  queue: string;
  tenant_id: string | null;
  summary: string;
  attempts: number;
  last_error: string;
  failed_at: Date;
  payload: Record<string, unknown>;
}

/** Jobs that exhausted their retries, kept for platform admins to inspect, replay or discard. */
@Injectable()
export class DeadLettersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(item: {
    queue: string;
    tenantId: string | null;
    summary: string;
    attempts: number;
    lastError: string;
    payload: Record<string, unknown>;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letters (queue, tenant_id, summary, attempts, last_error, payload) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [
        item.queue,
        item.tenantId,
        item.summary,
        item.attempts,
        item.lastError.slice(0, 2000),
        JSON.stringify(item.payload),
      ],
    );
  }

  async list(offset: number, limit: number): Promise<{ items: DeadLetter[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.dataSource.query<DeadLetterRow[]>(
        `SELECT * FROM dead_letters ORDER BY failed_at DESC, id LIMIT $1 OFFSET $2`,
        [limit, offset],
      ),
      this.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM dead_letters`),
    ]);
    return { items: rows.map((r) => toDeadLetter(r, false)), total: count[0].n };
  }

  async get(id: string): Promise<DeadLetter | null> {
    const row = await this.row(id);
    return row ? toDeadLetter(row, true) : null;
  }

  async row(id: string): Promise<DeadLetterRow | null> {
    if (!UUID.test(id)) return null;
    const rows: DeadLetterRow[] = await this.dataSource.query(`SELECT * FROM dead_letters WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async remove(id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const result: unknown = await this.dataSource.query(
      `DELETE FROM dead_letters WHERE id = $1 RETURNING id`,
      [id],
    );
    return changedRows(result).length > 0;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toDeadLetter(row: DeadLetterRow, withPayload: boolean): DeadLetter {
  return {
    id: row.id,
    queue: row.queue,
    tenant_id: row.tenant_id,
    summary: row.summary,
    attempts: row.attempts,
    last_error: row.last_error,
    failed_at: new Date(row.failed_at).toISOString(),
    ...(withPayload ? { payload: row.payload } : {}),
  };
}
