import type { Page } from './pagination';

/** Message kinds Parley stores; `other` keeps anything newer Meta sends (stored raw). */
export const MESSAGE_TYPES = [
  'text',
  'interactive',
  'button',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'template',
  'other',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export type MessageDirection = 'inbound' | 'outbound';

/**
 * Inbound: `received` → `processing` → `processed` | `failed`.
 * Outbound: `queued` → `sent` → `delivered` → `read`, or `failed` (with `error`).
 * `captured`: an outbound message of the playground, never sent to Meta.
 */
export const MESSAGE_STATUSES = [
  'received',
  'processing',
  'processed',
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
  'captured',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface MessageError {
  code: number | null;
  title: string;
  detail: string | null;
}

export interface ConversationMessage {
  id: string;
  direction: MessageDirection;
  type: MessageType;
  /** The text a person reads: body, caption, button title, "📍 lat,lng", ... (null if none). */
  text: string | null;
  status: MessageStatus;
  error: MessageError | null;
  wamid: string | null;
  created_at: string;
  status_updated_at: string | null;
  /** LLM use of the answer: set on the inbound message the LLM answered (null when no LLM was called). */
  llm: {
    provider: string;
    model: string;
    latency_ms: number;
    prompt_tokens: number | null;
    completion_tokens: number | null;
    /** Why the provider gave no answer (the user got the apology); null when it answered. */
    error: string | null;
  } | null;
}

export type LeadState = 'unknown' | 'capturing' | 'known' | 'captured';

export interface ConversationSummary {
  id: string;
  contact: {
    id: string;
    /** Phone-number based WhatsApp id; null when Meta sent only a business-scoped user id. */
    wa_id: string | null;
    user_id: string | null;
    profile_name: string | null;
  };
  lead_state: LeadState;
  lead_name: string | null;
  llm_provider: string | null;
  rag_url: string | null;
  last_message: { direction: MessageDirection; text: string | null; at: string } | null;
  /** Whether the 24-hour customer service window is open (last inbound less than 24 h ago). */
  window_open: boolean;
  window_expires_at: string | null;
  simulated: boolean;
  updated_at: string;
}

export type ConversationPage = Page<ConversationSummary>;
export type ConversationMessagePage = Page<ConversationMessage>;

export interface ConversationListQuery {
  page?: number;
  page_size?: number;
  search?: string;
}

/** A webhook event whose phone_number_id belongs to no active tenant (platform admins only). */
export interface UnroutedWebhook {
  id: string;
  phone_number_id: string | null;
  display_phone_number: string | null;
  reason: 'unknown_number' | 'inactive_tenant' | 'no_metadata';
  /** Events (messages + statuses) in the stored change. */
  event_count: number;
  first_seen_at: string;
  last_seen_at: string;
  /** Deliveries folded into this row (same number and reason). */
  occurrences: number;
  /** The stored change, secrets masked. Only in the detail route. */
  payload?: unknown;
}
export type UnroutedWebhookPage = Page<UnroutedWebhook>;

/** A job that exhausted its retries (platform admins only). */
export interface DeadLetter {
  id: string;
  queue: string;
  tenant_id: string | null;
  /** What the job was about, in a line ("inbound message wamid.X from 9198…", "lead sync …"). */
  summary: string;
  attempts: number;
  last_error: string;
  failed_at: string;
  /** The job's data, secrets masked. Only in the detail route. */
  payload?: unknown;
}
export type DeadLetterPage = Page<DeadLetter>;
