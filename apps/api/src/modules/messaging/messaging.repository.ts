import { Injectable } from '@nestjs/common';
import type { BotReply, LeadState, MessageError, MessageType } from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { changedRows } from './changed-rows';
import type { EngineHistoryEntry, LlmUsage } from './conversation-engine.port';

export interface ConversationRow {
  id: string;
  tenant_id: string;
  contact_id: string;
  phone_number_id: string | null;
  state: Record<string, unknown>;
  lead_state: LeadState;
  lead_name: string | null;
  llm_provider: 'gemini' | 'ollama' | null;
  rag_url: string | null;
  history_since: Date | null;
  simulated: boolean;
  wa_id: string | null;
  user_id: string | null;
  profile_name: string | null;
}

export interface PendingInbound {
  id: string;
  wamid: string;
  type: MessageType;
  text: string | null;
  received_at: Date;
  phone_number_id: string;
}

export interface OutboundRow {
  id: string;
  tenant_id: string;
  conversation_id: string;
  phone_number_id: string;
  wa_id: string | null;
  user_id: string | null;
  idempotency_key: string;
  raw: BotReply;
  in_reply_wamid: string | null;
}

/** Error title of replies whose job exhausted its retries (a dead-letter replay requeues them). */
export const GAVE_UP = 'Sending gave up after retries';

const PENDING = `direction = 'inbound' AND status IN ('received', 'processing')`;

/** The SQL of the processing pipeline (contacts, conversations, messages). */
@Injectable()
export class MessagingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates or refreshes the contact and its conversation from its newest inbound message. */
  async ensureConversation(tenantId: string, contactKey: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH src AS (
         SELECT wa_id, user_id, profile_name, simulated, phone_number_id FROM messages
         WHERE tenant_id = $1 AND contact_key = $2 AND direction = 'inbound'
         ORDER BY created_at DESC LIMIT 1),
       c AS (
         INSERT INTO contacts (tenant_id, contact_key, wa_id, user_id, profile_name, simulated)
         SELECT $1, $2, wa_id, user_id, profile_name, simulated FROM src
         ON CONFLICT (tenant_id, contact_key) DO UPDATE SET
           wa_id = COALESCE(EXCLUDED.wa_id, contacts.wa_id),
           user_id = COALESCE(EXCLUDED.user_id, contacts.user_id),
           profile_name = COALESCE(EXCLUDED.profile_name, contacts.profile_name),
           updated_at = now()
         RETURNING id, simulated)
       INSERT INTO conversations (tenant_id, contact_id, simulated, phone_number_id)
       SELECT $1, c.id, c.simulated, src.phone_number_id FROM c, src
       ON CONFLICT (contact_id) DO UPDATE SET phone_number_id = EXCLUDED.phone_number_id
       RETURNING id`,
      [tenantId, contactKey],
    );
    return rows[0]?.id ?? null;
  }

  /** Takes the conversation's processing lease if nobody holds a live one. */
  async acquireLease(conversationId: string, seconds: number): Promise<boolean> {
    const rows = changedRows(
      await this.dataSource.query(
        `UPDATE conversations SET lease_until = now() + make_interval(secs => $2)
         WHERE id = $1 AND (lease_until IS NULL OR lease_until < now()) RETURNING id`,
        [conversationId, seconds],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Gives the lease back only when nothing is left to do, in one statement: a job that found the
   * lease taken relies on the holder seeing its (already committed) message here.
   */
  async releaseIfIdle(conversationId: string, tenantId: string, contactKey: string): Promise<boolean> {
    const rows = changedRows(
      await this.dataSource.query(
        `UPDATE conversations SET lease_until = NULL
       WHERE id = $1
         AND NOT EXISTS (SELECT 1 FROM messages WHERE tenant_id = $2 AND contact_key = $3 AND ${PENDING})
         AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND direction = 'outbound' AND status = 'queued')
       RETURNING id`,
        [conversationId, tenantId, contactKey],
      ),
    );
    return rows.length > 0;
  }

  async releaseLease(conversationId: string): Promise<void> {
    await this.dataSource.query(`UPDATE conversations SET lease_until = NULL WHERE id = $1`, [
      conversationId,
    ]);
  }

  /**
   * Renews the lease for another `leaseSeconds` and returns the contact's oldest unprocessed
   * inbound message (Meta's timestamp first, then arrival), in one round trip.
   */
  async renewLeaseAndNextPending(
    conversationId: string,
    leaseSeconds: number,
    tenantId: string,
    contactKey: string,
  ): Promise<PendingInbound | null> {
    const rows: PendingInbound[] = await this.dataSource.query(
      `WITH renewed AS (
         UPDATE conversations SET lease_until = now() + make_interval(secs => $2) WHERE id = $1)
       SELECT id, wamid, type, text, COALESCE(meta_timestamp, created_at) AS received_at, phone_number_id
       FROM messages WHERE tenant_id = $3 AND contact_key = $4 AND ${PENDING}
       ORDER BY meta_timestamp NULLS LAST, created_at, id LIMIT 1`,
      [conversationId, leaseSeconds, tenantId, contactKey],
    );
    return rows[0] ?? null;
  }

  /**
   * Marks the message as being processed and reads its conversation, in one round trip (the
   * update runs whether or not the select reads it; the select does not look at messages).
   */
  async startProcessing(messageId: string, conversationId: string): Promise<ConversationRow | null> {
    const rows: ConversationRow[] = await this.dataSource.query(
      `WITH marked AS (
         UPDATE messages SET status = 'processing', conversation_id = $2, status_updated_at = now() WHERE id = $1)
       SELECT cv.id, cv.tenant_id, cv.contact_id, cv.phone_number_id, cv.state, cv.lead_state, cv.lead_name,
              cv.llm_provider, cv.rag_url, cv.history_since, cv.simulated, c.wa_id, c.user_id, c.profile_name
       FROM conversations cv JOIN contacts c ON c.id = cv.contact_id WHERE cv.id = $2`,
      [messageId, conversationId],
    );
    return rows[0] ?? null;
  }

  async markInboundFailed(messageId: string, error: MessageError): Promise<void> {
    await this.dataSource.query(
      `UPDATE messages SET status = 'failed', error = $2::jsonb, status_updated_at = now()
       WHERE id = $1 AND direction = 'inbound' AND status IN ('received', 'processing')`,
      [messageId, JSON.stringify(error)],
    );
  }

  /** The last 20 messages with text since the last reset, oldest first, this one excluded. */
  async history(conversation: ConversationRow, excludeId: string): Promise<EngineHistoryEntry[]> {
    const rows: { direction: 'inbound' | 'outbound'; text: string; at: Date }[] = await this.dataSource.query(
      `SELECT direction, text, created_at AS at FROM messages
       WHERE conversation_id = $1 AND id <> $2 AND text IS NOT NULL
         AND ($3::timestamptz IS NULL OR created_at >= $3)
         AND (direction = 'outbound' OR status = 'processed')
       ORDER BY created_at DESC, id DESC LIMIT 20`,
      [conversation.id, excludeId, conversation.history_since],
    );
    return rows.reverse();
  }

  async isFirstContact(conversationId: string, excludeId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM messages WHERE conversation_id = $1 AND id <> $2 AND direction = 'inbound' AND status = 'processed' LIMIT 1`,
      [conversationId, excludeId],
    );
    return rows.length === 0;
  }

  /** Marks the inbound processed (with LLM use); false when another run already did. */
  async completeInbound(m: EntityManager, messageId: string, llm: LlmUsage | undefined): Promise<boolean> {
    const result: unknown = await m.query(
      `UPDATE messages SET status = 'processed', status_updated_at = now(),
         llm_provider = $2, llm_model = $3, llm_latency_ms = $4, llm_prompt_tokens = $5,
         llm_completion_tokens = $6, llm_error = $7
       WHERE id = $1 AND status IN ('received', 'processing') RETURNING id`,
      [
        messageId,
        llm?.provider ?? null,
        llm?.model ?? null,
        llm ? Math.round(llm.latencyMs) : null,
        llm?.promptTokens ?? null,
        llm?.completionTokens ?? null,
        llm?.error ?? null,
      ],
    );
    return changedRows(result).length > 0;
  }

  /** Outbound rows for the replies; the idempotency key makes a second run insert nothing. */
  async insertReplies(
    m: EntityManager,
    conversation: ConversationRow,
    inbound: PendingInbound,
    replies: BotReply[],
    keySuffix = '',
  ): Promise<void> {
    if (replies.length === 0) return;
    const status = conversation.simulated ? 'captured' : 'queued';
    const rows = replies.map((reply, index) => ({
      tenant_id: conversation.tenant_id,
      phone_number_id: inbound.phone_number_id,
      conversation_id: conversation.id,
      contact_key: conversation.wa_id ?? conversation.user_id ?? '',
      wa_id: conversation.wa_id,
      user_id: conversation.user_id,
      type: reply.type,
      text: replyText(reply),
      raw: reply,
      idempotency_key: `${inbound.wamid}:${index}${keySuffix}`,
      in_reply_to: inbound.id,
      reply_index: index,
    }));
    await m.query(
      `INSERT INTO messages (tenant_id, phone_number_id, conversation_id, contact_key, wa_id, user_id, direction, type,
                             text, raw, status, idempotency_key, in_reply_to, reply_index, simulated, created_at)
       SELECT r.tenant_id, r.phone_number_id, r.conversation_id, r.contact_key, r.wa_id, r.user_id, 'outbound',
              r.type, r.text, r.raw, $2, r.idempotency_key, r.in_reply_to, r.reply_index, $3,
              clock_timestamp()
       FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id text, phone_number_id text, conversation_id uuid,
            contact_key text, wa_id text, user_id text, type text, text text, raw jsonb, idempotency_key text,
            in_reply_to uuid, reply_index int)
       ORDER BY r.reply_index
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [JSON.stringify(rows), status, conversation.simulated],
    );
  }

  async patchConversation(
    m: EntityManager,
    conversationId: string,
    patch: {
      state: Record<string, unknown>;
      leadState: LeadState;
      leadName: string | null;
      llmProvider: string | null;
      ragUrl: string | null;
    },
    historyReset: boolean,
  ): Promise<void> {
    await m.query(
      `UPDATE conversations SET state = $2::jsonb, lead_state = $3, lead_name = $4, llm_provider = $5, rag_url = $6,
         history_since = CASE WHEN $7 THEN now() ELSE history_since END,
         last_message_at = now(), updated_at = now()
       WHERE id = $1`,
      [
        conversationId,
        JSON.stringify(patch.state),
        patch.leadState,
        patch.leadName,
        patch.llmProvider,
        patch.ragUrl,
        historyReset,
      ],
    );
  }

  /** The customer service window: 24 hours from the user's latest message. */
  async touchContact(m: EntityManager, contactId: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE contacts SET last_inbound_at = GREATEST(last_inbound_at, $2::timestamptz),
         window_expires_at = GREATEST(last_inbound_at, $2::timestamptz) + interval '24 hours', updated_at = now()
       WHERE id = $1`,
      [contactId, at],
    );
  }

  /** The conversation's next outbound row waiting to be sent. */
  async nextQueued(conversationId: string): Promise<OutboundRow | null> {
    const rows: OutboundRow[] = await this.dataSource.query(
      `SELECT o.id, o.tenant_id, o.conversation_id, o.phone_number_id, o.wa_id, o.user_id, o.idempotency_key, o.raw,
              i.wamid AS in_reply_wamid
       FROM messages o LEFT JOIN messages i ON i.id = o.in_reply_to
       WHERE o.conversation_id = $1 AND o.direction = 'outbound' AND o.status = 'queued'
       ORDER BY o.created_at, o.reply_index, o.id LIMIT 1`,
      [conversationId],
    );
    return rows[0] ?? null;
  }

  async markOutboundFailed(m: EntityManager, id: string, error: MessageError): Promise<void> {
    await m.query(
      `UPDATE messages SET status = 'failed', error = $2::jsonb, status_updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(error)],
    );
  }

  /** Records Meta's wamid; a status webhook that came before this answer is applied by the caller. */
  async markOutboundSent(m: EntityManager, id: string, wamid: string): Promise<void> {
    await m.query(
      `UPDATE messages SET status = 'sent', wamid = $2, error = NULL, sent_at = now(), status_updated_at = now()
       WHERE id = $1 AND status = 'queued'`,
      [id, wamid],
    );
  }

  /** Queued replies of a conversation whose job gave up: failed, marked so a replay can requeue them. */
  async giveUpQueued(conversationId: string, detail: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE messages SET status = 'failed', status_updated_at = now(),
         error = jsonb_build_object('code', error->'code', 'title', $2::text, 'detail', $3::text)
       WHERE conversation_id = $1 AND direction = 'outbound' AND status = 'queued'`,
      [conversationId, GAVE_UP, detail.slice(0, 500)],
    );
  }

  async noteRetry(id: string, error: MessageError): Promise<void> {
    await this.dataSource.query(`UPDATE messages SET error = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(error),
    ]);
  }

  async reengagementTemplate(tenantId: string): Promise<{ name: string; language: string } | null> {
    const rows: { t: { name: string; language: string } | null }[] = await this.dataSource.query(
      `SELECT reengagement_template AS t FROM tenants WHERE id = $1`,
      [tenantId],
    );
    return rows[0]?.t ?? null;
  }
}

/** What the conversation view shows for an outbound reply. */
export function replyText(reply: BotReply): string | null {
  switch (reply.type) {
    case 'text':
      return reply.text;
    case 'image':
      return reply.caption;
    case 'interactive':
      return reply.text;
    case 'template':
      return `[template ${reply.name}]`;
  }
}
