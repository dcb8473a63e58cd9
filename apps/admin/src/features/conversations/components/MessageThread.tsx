import type { ConversationMessage, ConversationSummary } from '@parley/shared-types';
import { useEffect, useRef } from 'react';
import { Badge } from '../../../components/Badge';
import { EmptyState, QueryView } from '../../../components/States';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { formatWhatsAppText } from '../../../lib/whatsapp-text';
import { useConversationMessages } from '../api/conversations';
import { chronological, contactName, deliveryMark, LEAD_STATES } from '../lib/delivery';

/** One conversation as the business sees it in WhatsApp: the contact's messages left, the bot's right. */
export function MessageThread({
  conversationId,
  summary,
}: {
  conversationId: string;
  summary: ConversationSummary | undefined;
}) {
  const messages = useConversationMessages(conversationId);
  const chat = useRef<HTMLOListElement>(null);
  const count = messages.data?.items.length ?? 0;
  // Like a chat app: open on the newest message, and follow new ones as they arrive.
  useEffect(() => {
    if (chat.current) chat.current.scrollTop = chat.current.scrollHeight;
  }, [count]);
  return (
    <section
      className="thread"
      aria-label={summary ? `Conversation with ${contactName(summary)}` : 'Conversation'}
    >
      {summary && (
        <header className="wa-header thread-header">
          <span className="wa-avatar" aria-hidden="true">
            {contactName(summary).replace('+', '').charAt(0).toUpperCase()}
          </span>
          <span className="wa-title">
            <strong>{contactName(summary)}</strong>
            <span>
              {summary.contact.wa_id ? `+${summary.contact.wa_id}` : summary.contact.user_id} ·{' '}
              {LEAD_STATES[summary.lead_state].label}
              {summary.window_open && summary.window_expires_at
                ? ` · window closes ${formatRelative(summary.window_expires_at)}`
                : ' · window closed: only templates can be sent'}
            </span>
          </span>
        </header>
      )}
      <QueryView query={messages} loadingLabel="Loading the messages…">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No messages in this conversation" />
          ) : (
            <ol className="wa-chat thread-chat" ref={chat}>
              {chronological(page.items).map((m) => (
                <MessageBubble key={m.id} message={m} />
              ))}
            </ol>
          )
        }
      </QueryView>
    </section>
  );
}

function MessageBubble({ message }: { message: ConversationMessage }) {
  const delivery = deliveryMark(message);
  // The contact's messages are "in" for the business: on the left, as in WhatsApp Business.
  const side = message.direction === 'inbound' ? 'wa-in' : 'wa-out';
  const time = new Date(message.created_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <li className={`wa-bubble ${side} ${delivery?.tone === 'failed' ? 'wa-failed' : ''}`}>
      {message.type !== 'text' && (
        <span className="wa-kind">
          <Badge>{message.type}</Badge>
        </span>
      )}
      <span className="wa-text">{message.text ? formatWhatsAppText(message.text) : <em>(no text)</em>}</span>
      <span className="wa-meta" title={formatDateTime(message.created_at)}>
        {time}{' '}
        {delivery && (
          <span
            className={`wa-ticks ${delivery.tone === 'read' ? 'wa-ticks-read' : ''} ${delivery.tone === 'failed' ? 'wa-ticks-failed' : ''}`}
            role="img"
            aria-label={delivery.label}
            title={delivery.label}
          >
            {delivery.mark}
          </span>
        )}
      </span>
      {delivery?.reason && <span className="wa-failure">Not delivered: {delivery.reason}</span>}
      {message.llm && (
        // The API records the LLM call on the message it answered (the inbound one).
        <span className={`wa-llm ${message.llm.error ? 'wa-failure' : 'muted'}`}>
          {message.llm.error
            ? `${message.llm.provider} ${message.llm.model} gave no answer (the customer got the apology): ${message.llm.error}`
            : `${message.direction === 'inbound' ? 'Answered by' : 'Written by'} ${message.llm.provider} ${message.llm.model} in ${formatLatency(message.llm.latency_ms)}`}
        </span>
      )}
    </li>
  );
}

function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
