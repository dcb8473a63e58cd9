import { useState } from 'react';
import { Badge } from '../../../components/Badge';
import { ErrorState, LoadingState } from '../../../components/States';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useRecentBulkOperations } from '../api/list-bulk-operations';
import { BULK_ACTION_TEXT } from '../lib/labels';

/** The last bulk operations, folded away until asked for; opening one shows its progress panel. */
export function RecentBulkOperations({ onOpen }: { onOpen: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const recent = useRecentBulkOperations(10, open);
  return (
    <details className="recent-bulk" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Recent bulk operations</summary>
      {!open ? null : recent.isPending ? (
        <LoadingState label="Loading…" />
      ) : recent.isError ? (
        <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />
      ) : recent.data.items.length === 0 ? (
        <p className="muted">No bulk operation has run yet.</p>
      ) : (
        <ul className="recent-bulk-list">
          {recent.data.items.map((op) => (
            <li key={op.id}>
              <button type="button" className="link-button" onClick={() => onOpen(op.id)}>
                {BULK_ACTION_TEXT[op.action].verb} {formatNumber(op.counts.total)}
              </button>{' '}
              <Badge
                tone={op.status === 'completed' ? 'success' : op.status === 'failed' ? 'danger' : 'info'}
              >
                {op.status}
              </Badge>{' '}
              <span className="muted">
                {formatDateTime(op.created_at)} · {op.created_by ?? 'unknown'}
                {op.counts.failed ? ` · ${formatNumber(op.counts.failed)} failed` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
