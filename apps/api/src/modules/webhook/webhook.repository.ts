import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { jobInsertFromRows } from '../jobs/job-insert-sql';
import type { InboundEvent, StatusEvent } from './webhook-payload';

export interface RoutedInbound extends InboundEvent {
  tenantId: string;
  phoneNumberId: string;
  simulated?: boolean;
}

export interface RoutedStatus extends StatusEvent {
  tenantId: string;
  phoneNumberId: string;
}

export interface InsertedInbound {
  tenant_id: string;
  contact_key: string;
  phone_number_id: string;
  wamid: string;
}

export interface InsertedStatus {
  phone_number_id: string;
  wamid: string;
  status: string;
}

export type UnroutedReason = 'unknown_number' | 'inactive_tenant' | 'no_metadata';

const INSERT_INBOUND = `
  INSERT INTO messages (tenant_id, phone_number_id, contact_key, wa_id, user_id, profile_name, direction,
                        type, text, raw, status, wamid, meta_timestamp, simulated)
  SELECT r.tenant_id, r.phone_number_id, r.contact_key, r.wa_id, r.user_id, r.profile_name, 'inbound',
         r.type, r.text, r.raw, 'received', r.wamid, r.meta_timestamp, r.simulated
  FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id text, phone_number_id text, contact_key text, wa_id text,
       user_id text, profile_name text, type text, text text, raw jsonb, wamid text,
       meta_timestamp timestamptz, simulated boolean)
  ON CONFLICT (phone_number_id, wamid) WHERE direction = 'inbound' DO NOTHING
  RETURNING tenant_id, contact_key, phone_number_id, wamid`;

function inboundRow(e: RoutedInbound) {
  return {
    tenant_id: e.tenantId,
    phone_number_id: e.phoneNumberId,
    contact_key: e.contactKey,
    wa_id: e.waId,
    user_id: e.userId,
    profile_name: e.profileName,
    type: e.type,
    text: e.text,
    raw: e.raw,
    wamid: e.wamid,
    meta_timestamp: e.metaTimestamp,
    simulated: e.simulated ?? false,
  };
}

/** Status order of an outbound message: a status only ever moves forward. */
export const STATUS_RANK_SQL = (column: string) =>
  `CASE ${column} WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE -1 END`;

/** The SQL of the ingest: each statement is one round trip for all events of a delivery. */
@Injectable()
export class WebhookRepository {
  /** Stores new inbound messages; returns the ones that were new. */
  async insertInbound(m: EntityManager, events: RoutedInbound[]): Promise<InsertedInbound[]> {
    if (events.length === 0) return [];
    return m.query(INSERT_INBOUND, [JSON.stringify(events.map(inboundRow))]);
  }

  /**
   * Stores new inbound messages and, in the same statement, one job per (tenant, contact) that
   * got at least one: one round trip, atomic on its own.
   */
  async insertInboundWithJobs(
    m: EntityManager | DataSource,
    events: RoutedInbound[],
    queue: string,
  ): Promise<InsertedInbound[]> {
    if (events.length === 0) return [];
    return m.query(
      `WITH ins AS (${INSERT_INBOUND}),
       jobs AS (${jobInsertFromRows(
         '$2',
         `(SELECT DISTINCT jsonb_build_object('tenantId', tenant_id, 'contactKey', contact_key) AS data FROM ins) src`,
       )})
       SELECT tenant_id, contact_key, phone_number_id, wamid FROM ins`,
      [JSON.stringify(events.map(inboundRow)), queue],
    );
  }

  /** Stores new statuses and applies them to their outbound rows; returns the new ones. */
  async insertStatuses(m: EntityManager, events: RoutedStatus[]): Promise<InsertedStatus[]> {
    if (events.length === 0) return [];
    const rows = events.map((e) => ({
      phone_number_id: e.phoneNumberId,
      wamid: e.wamid,
      status: e.status,
      tenant_id: e.tenantId,
      error: e.error,
      occurred_at: e.occurredAt,
    }));
    const inserted: InsertedStatus[] = await m.query(
      `INSERT INTO message_statuses (phone_number_id, wamid, status, tenant_id, errors, occurred_at)
       SELECT r.phone_number_id, r.wamid, r.status, r.tenant_id, r.error, r.occurred_at
       FROM jsonb_to_recordset($1::jsonb) AS r(phone_number_id text, wamid text, status text, tenant_id text,
            error jsonb, occurred_at timestamptz)
       ON CONFLICT DO NOTHING
       RETURNING phone_number_id, wamid, status`,
      [JSON.stringify(rows)],
    );
    if (inserted.length > 0) await applyStatuses(m, [...new Set(inserted.map((r) => r.wamid))]);
    return inserted;
  }

  /**
   * A `failed` status with 131047 (the 24-hour window had closed, reported after the send) queues
   * the tenant's re-engagement template once per inbound message, like a synchronous 131047 does.
   * Returns the contacts that got one, for a job.
   */
  async reengageClosedWindows(
    m: EntityManager,
    wamids: string[],
  ): Promise<{ tenant_id: string; contact_key: string }[]> {
    if (wamids.length === 0) return [];
    return m.query(
      `WITH closed AS (
         SELECT DISTINCT ON (o.in_reply_to) o.*
         FROM messages o
         JOIN message_statuses s ON s.wamid = o.wamid AND s.phone_number_id = o.phone_number_id
         WHERE o.direction = 'outbound' AND o.wamid = ANY($1) AND o.type <> 'template' AND NOT o.simulated
           AND s.status = 'failed' AND s.errors->>'code' = '131047'
         ORDER BY o.in_reply_to, o.reply_index)
       INSERT INTO messages (tenant_id, phone_number_id, conversation_id, contact_key, wa_id, user_id, direction,
                             type, text, raw, status, idempotency_key, in_reply_to, reply_index, created_at)
       SELECT c.tenant_id, c.phone_number_id, c.conversation_id, c.contact_key, c.wa_id, c.user_id, 'outbound',
              'template', '[template ' || (t.reengagement_template->>'name') || ']',
              jsonb_build_object('type', 'template', 'name', t.reengagement_template->>'name',
                                 'language', t.reengagement_template->>'language'),
              'queued', split_part(c.idempotency_key, ':', 1) || ':reengage', c.in_reply_to, 1000, clock_timestamp()
       FROM closed c JOIN tenants t ON t.id = c.tenant_id
       WHERE t.reengagement_template IS NOT NULL
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING tenant_id, contact_key`,
      [wamids],
    );
  }

  /** Folds an unrouted change into its (number, reason) row; true when the row is new. */
  async recordUnrouted(
    m: EntityManager,
    item: {
      phoneNumberId: string | null;
      displayPhoneNumber: string | null;
      reason: UnroutedReason;
      eventCount: number;
      payload: unknown;
    },
  ): Promise<boolean> {
    const rows: { inserted: boolean }[] = await m.query(
      `INSERT INTO unrouted_webhooks (phone_number_id, display_phone_number, reason, event_count, payload)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (phone_number_id, reason) DO UPDATE SET
         occurrences = unrouted_webhooks.occurrences + 1, last_seen_at = now(),
         event_count = EXCLUDED.event_count, payload = EXCLUDED.payload,
         display_phone_number = COALESCE(EXCLUDED.display_phone_number, unrouted_webhooks.display_phone_number)
       RETURNING (xmax = 0) AS inserted`,
      [
        item.phoneNumberId ?? '',
        item.displayPhoneNumber,
        item.reason,
        item.eventCount,
        JSON.stringify(item.payload),
      ],
    );
    return rows[0]?.inserted ?? false;
  }
}

/**
 * Applies the furthest stored status of each wamid to its outbound row, never backwards. Called by
 * the ingest (status after send) and by the sender once Meta gave the wamid (status before send).
 */
export async function applyStatuses(m: EntityManager, wamids: string[]): Promise<void> {
  if (wamids.length === 0) return;
  await m.query(
    `UPDATE messages msg
     SET status = best.status, error = COALESCE(best.errors, msg.error), status_updated_at = now()
     FROM (
       SELECT DISTINCT ON (phone_number_id, wamid) phone_number_id, wamid, status, errors
       FROM message_statuses
       WHERE wamid = ANY($1) AND status IN ('sent', 'delivered', 'read', 'failed')
       ORDER BY phone_number_id, wamid, ${STATUS_RANK_SQL('status')} DESC
     ) best
     WHERE msg.direction = 'outbound' AND msg.wamid = best.wamid AND msg.phone_number_id = best.phone_number_id
       AND ${STATUS_RANK_SQL('best.status')} > ${STATUS_RANK_SQL('msg.status')}`,
    [wamids],
  );
}
