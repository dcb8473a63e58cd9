import type { ConversationMessage, ConversationSummary, LeadState } from '@parley/shared-types';
import type { Tone } from '../../../components/Badge';

export interface DeliveryMark {
  /** What the bubble shows: ✓, ✓✓, a clock, a warning sign. */
  mark: string;
  /** Read out to screen readers and shown on hover. */
  label: string;
  tone: 'plain' | 'read' | 'failed';
  /** Why it failed, in Meta's words (failed messages only). */
  reason: string | null;
}

/** WhatsApp's ticks for an outbound message; inbound messages carry none. */
export function deliveryMark(message: ConversationMessage): DeliveryMark | null {
  if (message.direction !== 'outbound') return null;
  switch (message.status) {
    case 'queued':
      return { mark: '🕓', label: 'Waiting to be sent', tone: 'plain', reason: null };
    case 'sent':
      return { mark: '✓', label: 'Sent', tone: 'plain', reason: null };
    case 'delivered':
      return { mark: '✓✓', label: 'Delivered', tone: 'plain', reason: null };
    case 'read':
      return { mark: '✓✓', label: 'Read', tone: 'read', reason: null };
    case 'failed':
      return { mark: '!', label: 'Not delivered', tone: 'failed', reason: failureReason(message) };
    case 'captured':
      return { mark: '◌', label: 'Playground: not sent to WhatsApp', tone: 'plain', reason: null };
    default:
      return null;
  }
}

function failureReason(message: ConversationMessage): string {
  const error = message.error;
  if (!error) return 'WhatsApp did not say why.';
  const code = error.code !== null ? ` (${error.code})` : '';
  return `${error.title}${code}${error.detail ? `: ${error.detail}` : ''}`;
}

export const LEAD_STATES: Record<LeadState, { label: string; tone: Tone }> = {
  unknown: { label: 'Not a lead yet', tone: 'neutral' },
  capturing: { label: 'Giving details', tone: 'info' },
  known: { label: 'Known lead', tone: 'success' },
  captured: { label: 'Captured lead', tone: 'success' },
};

/** Who the contact is, as best known: lead name, WhatsApp profile name, number or user id. */
export function contactName(c: ConversationSummary): string {
  return (
    c.lead_name ??
    c.contact.profile_name ??
    (c.contact.wa_id ? `+${c.contact.wa_id}` : (c.contact.user_id ?? 'Unknown'))
  );
}

/** Oldest first, as a chat reads. */
export function chronological(messages: ConversationMessage[]): ConversationMessage[] {
  return [...messages].sort((a, b) => a.created_at.localeCompare(b.created_at));
}
