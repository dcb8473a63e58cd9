import { Badge } from '../../../components/Badge';
import { Card } from '../../../components/Card';
import { NotConnectedYet } from '../../../components/NotConnectedYet';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { isMissingRoute } from '../../../lib/missing-route';
import { useTenantConversations } from '../api/list-tenant-conversations';

const RECENT = { page: 1, page_size: 10 };

/**
 * The tenant's latest conversations, read-only. A server without the platform conversations
 * route says so instead of showing an error.
 */
export function RecentConversationsCard({ tenantId }: { tenantId: string }) {
  const conversations = useTenantConversations(tenantId, RECENT);
  return (
    <Card title="Recent conversations">
      {conversations.isPending ? (
        <LoadingState label="Loading conversations…" />
      ) : conversations.isError ? (
        isMissingRoute(conversations.error) ? (
          <NotConnectedYet what="the message pipeline">
            This server does not list a tenant&apos;s conversations to platform admins yet.
          </NotConnectedYet>
        ) : (
          <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
        )
      ) : conversations.data.total === 0 ? (
        <EmptyState title="No conversations yet">
          Conversations show here once WhatsApp users write to this tenant&apos;s number.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Recent conversations">
            <thead>
              <tr>
                <th>Contact</th>
                <th>Last message</th>
                <th>Lead</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {conversations.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.contact.profile_name ?? c.contact.wa_id ?? c.contact.user_id ?? 'Unknown'}
                    {c.contact.wa_id && <div className="cell-sub">+{c.contact.wa_id}</div>}
                    {c.simulated && <Badge tone="info">Playground</Badge>}
                  </td>
                  <td className="cell-break">
                    {c.last_message ? (
                      <>
                        <span className="muted">{c.last_message.direction === 'inbound' ? '← ' : '→ '}</span>
                        {c.last_message.text ?? <span className="muted">(no text)</span>}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{c.lead_name ?? <span className="muted">{c.lead_state}</span>}</td>
                  <td title={formatDateTime(c.updated_at)}>{formatRelative(c.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {conversations.data.total > RECENT.page_size && (
            <p className="muted">
              The latest {RECENT.page_size} of {conversations.data.total} conversations.
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
