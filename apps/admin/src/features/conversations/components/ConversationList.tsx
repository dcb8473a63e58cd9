import type { ConversationSummary } from '@parley/shared-types';
import { NavLink } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Badge } from '../../../components/Badge';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { contactName, LEAD_STATES } from '../lib/delivery';

/** The contacts who wrote, newest first, with their lead state and whether WhatsApp's 24-hour window is open. */
export function ConversationList({ conversations }: { conversations: ConversationSummary[] }) {
  return (
    <ul className="conversation-list" aria-label="Conversations">
      {conversations.map((c) => {
        const lead = LEAD_STATES[c.lead_state];
        return (
          <li key={c.id}>
            <NavLink to={paths.conversation(c.id)} className="conversation-link">
              <span className="conversation-top">
                <strong className="conversation-name">{contactName(c)}</strong>
                {c.last_message && (
                  <span className="muted conversation-when" title={formatDateTime(c.last_message.at)}>
                    {formatRelative(c.last_message.at)}
                  </span>
                )}
              </span>
              <span className="conversation-last muted">
                {c.last_message
                  ? `${c.last_message.direction === 'outbound' ? 'Bot: ' : ''}${c.last_message.text ?? '(no text)'}`
                  : 'No messages yet'}
              </span>
              <span className="conversation-badges">
                <Badge tone={lead.tone}>{lead.label}</Badge>
                {c.window_open ? (
                  <Badge tone="success">Window open</Badge>
                ) : (
                  <Badge tone="neutral">Window closed</Badge>
                )}
                {c.simulated && <Badge tone="info">Playground</Badge>}
              </span>
            </NavLink>
          </li>
        );
      })}
    </ul>
  );
}
