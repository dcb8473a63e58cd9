import type { BotReply } from '@parley/shared-types';

/**
 * The outbound side of WhatsApp (Graph API `/{phone_number_id}/messages`), as the messaging
 * pipeline uses it. The pipeline owns the outbound rows and their idempotency keys; the sender
 * only talks to Meta, paces, and classifies what Meta answered so the pipeline knows whether to
 * retry, give up, fall back to a template, or stop using the tenant's token.
 */
export const MESSAGE_SENDER = 'MESSAGE_SENDER';

export interface SendRequest {
  tenantId: string;
  phoneNumberId: string;
  /** Recipient: the contact's wa_id (phone digits) or, without one, its business-scoped user id. */
  to: { waId: string | null; userId: string | null };
  message: BotReply;
  /**
   * Stable per outbound message (derived from the inbound wamid and the reply's step). A send
   * repeated with the same key after a success returns the first result without calling Meta.
   */
  idempotencyKey: string;
  /** The inbound wamid this answers (sent as `context.message_id` only when asked for). */
  inReplyTo?: string | null;
}

export type SendOutcome =
  | { kind: 'sent'; wamid: string }
  /** 130429, 131056, 429, 5xx, network: try again after `retryAfterMs`. */
  | { kind: 'retry'; retryAfterMs: number; error: SendError }
  /** 190 / 0: the token is bad; the credential is marked invalid and nothing more is sent for it. */
  | { kind: 'auth'; error: SendError }
  /** 131047: outside the 24-hour window; only a template may be sent. */
  | { kind: 'window_closed'; error: SendError }
  /** Anything else Meta refused (bad recipient, bad parameter, ...): record and stop. */
  | { kind: 'rejected'; error: SendError };

export interface SendError {
  /** Meta's `error.code` (or the HTTP status when there is no Graph error body). */
  code: number | null;
  title: string;
  detail: string | null;
  httpStatus: number | null;
}

export interface MessageSender {
  send(request: SendRequest): Promise<SendOutcome>;
  /** Marks the inbound message read and shows the typing indicator (best effort, never throws). */
  markRead(tenantId: string, phoneNumberId: string, wamid: string, typing: boolean): Promise<void>;
}
