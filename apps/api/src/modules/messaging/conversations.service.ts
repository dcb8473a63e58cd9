import { Injectable, NotFoundException } from '@nestjs/common';
import type {
  ConversationMessage,
  ConversationMessagePage,
  ConversationPage,
  ConversationSummary,
} from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/http/domain-error';
import { PageQueryDto, pageWindow, toPage } from '../../common/http/query';
import { UUID } from './dead-letters.repository';
import { ConversationQueryDto } from './dto/conversation-query.dto';

interface SummaryRow {
  id: string;
  contact_id: string;
  wa_id: string | null;
  user_id: string | null;
  profile_name: string | null;
  lead_state: ConversationSummary['lead_state'];
  lead_name: string | null;
  llm_provider: string | null;
  rag_url: string | null;
  simulated: boolean;
  updated_at: Date;
  window_expires_at: Date | null;
  last_direction: 'inbound' | 'outbound' | null;
  last_text: string | null;
  last_at: Date | null;
  total: number;
}

interface MessageRow {
  id: string;
  direction: 'inbound' | 'outbound';
  type: ConversationMessage['type'];
  text: string | null;
  status: ConversationMessage['status'];
  error: ConversationMessage['error'];
  wamid: string | null;
  created_at: Date;
  status_updated_at: Date | null;
  llm_provider: string | null;
  llm_model: string | null;
  llm_latency_ms: number | null;
  llm_prompt_tokens: number | null;
  llm_completion_tokens: number | null;
  llm_error: string | null;
  total: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A tenant's conversations and their messages (always filtered by the tenant from the JWT). */
@Injectable()
export class ConversationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** A tenant's conversations for platform admins: the tenant must exist (404 otherwise). */
  async listForAdmin(tenantId: string, query: ConversationQueryDto): Promise<ConversationPage> {
    const found: unknown[] = await this.dataSource.query(`SELECT 1 FROM tenants WHERE id = $1`, [tenantId]);
    if (found.length === 0) throw notFound(`Tenant "${tenantId}"`);
    return this.list(tenantId, query);
  }

  async list(tenantId: string, query: ConversationQueryDto): Promise<ConversationPage> {
    const { pageSize, offset } = pageWindow(query);
    const search = query.search?.trim()
      ? `%${query.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      : null;
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT cv.id, c.id AS contact_id, c.wa_id, c.user_id, c.profile_name, cv.lead_state, cv.lead_name,
              cv.llm_provider, cv.rag_url, cv.simulated, cv.updated_at, c.window_expires_at,
              last.direction AS last_direction, last.text AS last_text, last.created_at AS last_at,
              count(*) OVER ()::int AS total
       FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
       LEFT JOIN LATERAL (
         SELECT direction, text, created_at FROM messages m
         WHERE m.conversation_id = cv.id ORDER BY created_at DESC, id DESC LIMIT 1) last ON true
       WHERE cv.tenant_id = $1
         AND ($2::text IS NULL OR c.profile_name ILIKE $2 OR c.wa_id ILIKE $2 OR c.user_id ILIKE $2
              OR cv.lead_name ILIKE $2)
       ORDER BY cv.last_message_at DESC NULLS LAST, cv.id
       LIMIT $3 OFFSET $4`,
      [tenantId, search, pageSize, offset],
    );
    const total = rows[0]?.total ?? (offset > 0 ? await this.count(tenantId, search) : 0);
    return toPage(rows.map(toSummary), total, query);
  }

  async messages(
    tenantId: string,
    conversationId: string,
    query: PageQueryDto,
  ): Promise<ConversationMessagePage> {
    if (!UUID.test(conversationId)) throw new NotFoundException(`Conversation ${conversationId} not found`);
    const exists: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM conversations WHERE id = $1 AND tenant_id = $2`,
      [conversationId, tenantId],
    );
    if (exists.length === 0) throw new NotFoundException(`Conversation ${conversationId} not found`);
    const { pageSize, offset } = pageWindow(query);
    const rows: MessageRow[] = await this.dataSource.query(
      `SELECT id, direction, type, text, status, error, wamid, created_at, status_updated_at, llm_provider, llm_model,
              llm_latency_ms, llm_prompt_tokens, llm_completion_tokens, llm_error, count(*) OVER ()::int AS total
       FROM messages WHERE conversation_id = $1 AND tenant_id = $2
       ORDER BY created_at, meta_timestamp NULLS LAST, reply_index NULLS FIRST, id
       LIMIT $3 OFFSET $4`,
      [conversationId, tenantId, pageSize, offset],
    );
    return toPage(rows.map(toMessage), rows[0]?.total ?? 0, query);
  }

  private async count(tenantId: string, search: string | null): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
       WHERE cv.tenant_id = $1 AND ($2::text IS NULL OR c.profile_name ILIKE $2 OR c.wa_id ILIKE $2
             OR c.user_id ILIKE $2 OR cv.lead_name ILIKE $2)`,
      [tenantId, search],
    );
    return rows[0].n;
  }
}

function toSummary(r: SummaryRow): ConversationSummary {
  const expires = r.window_expires_at ? new Date(r.window_expires_at) : null;
  return {
    id: r.id,
    contact: { id: r.contact_id, wa_id: r.wa_id, user_id: r.user_id, profile_name: r.profile_name },
    lead_state: r.lead_state,
    lead_name: r.lead_name,
    llm_provider: r.llm_provider,
    rag_url: r.rag_url,
    last_message: r.last_direction
      ? { direction: r.last_direction, text: r.last_text, at: iso(r.last_at)! }
      : null,
    window_open: expires !== null && expires.getTime() > Date.now(),
    window_expires_at: iso(expires),
    simulated: r.simulated,
    updated_at: iso(r.updated_at)!,
  };
}

function toMessage(r: MessageRow): ConversationMessage {
  return {
    id: r.id,
    direction: r.direction,
    type: r.type,
    text: r.text,
    status: r.status,
    error: r.error,
    wamid: r.wamid,
    created_at: iso(r.created_at)!,
    status_updated_at: iso(r.status_updated_at),
    llm:
      r.llm_provider && r.llm_model
        ? {
            provider: r.llm_provider,
            model: r.llm_model,
            latency_ms: r.llm_latency_ms ?? 0,
            prompt_tokens: r.llm_prompt_tokens,
            completion_tokens: r.llm_completion_tokens,
            error: r.llm_error,
          }
        : null,
  };
}
