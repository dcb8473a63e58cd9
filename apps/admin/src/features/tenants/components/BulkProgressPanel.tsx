import type { BulkItemStatus, BulkOperation } from '@parley/shared-types';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Badge, type Tone } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { Pagination } from '../../../components/Pagination';
import { ProgressBar } from '../../../components/ProgressBar';
import { ErrorState, LoadingState } from '../../../components/States';
import { formatNumber, plural } from '../../../lib/format';
import { useCancelBulkOperation } from '../api/cancel-bulk-operation';
import { isUnfinished, useBulkOperation } from '../api/get-bulk-operation';
import { bulkKeys, tenantKeys } from '../api/keys';
import { useBulkItems } from '../api/list-bulk-operation-items';
import { BULK_ACTION_TEXT, bulkPhrase } from '../lib/labels';

const STATUS_TEXT: Record<BulkOperation['status'], { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'info' },
  running: { label: 'Running', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

const ITEM_TONE: Record<BulkItemStatus, Tone> = {
  pending: 'neutral',
  succeeded: 'success',
  failed: 'danger',
  skipped: 'warning',
};

/** A bulk operation's progress and each tenant's result, live while it runs. */
export function BulkProgressPanel({ id, onDismiss }: { id: string; onDismiss: () => void }) {
  const query = useBulkOperation(id);
  const operation = query.data;
  const live = isUnfinished(operation);
  const queryClient = useQueryClient();
  const cancel = useCancelBulkOperation(id);
  const [filter, setFilter] = useState<BulkItemStatus | ''>('');
  const [page, setPage] = useState(1);
  const items = useBulkItems(id, { status: filter || undefined, page, page_size: 25 }, live);

  // When it finishes, the results and the tenant list show the final state (or the tenants gone).
  const finished = operation !== undefined && !live;
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: tenantKeys.all });
    void queryClient.invalidateQueries({ queryKey: bulkKeys.detail(id), exact: false });
  }, [finished, id, queryClient]);

  if (query.isPending) return <LoadingState label="Loading the bulk operation…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const op = query.data;
  const done = op.counts.total - op.counts.pending;
  const text = BULK_ACTION_TEXT[op.action];

  return (
    <Card
      className="bulk-panel"
      title={
        <>
          {bulkPhrase(op.action, plural(op.counts.total, 'tenant'))}{' '}
          <Badge tone={STATUS_TEXT[op.status].tone}>{STATUS_TEXT[op.status].label}</Badge>
        </>
      }
      actions={
        live ? (
          <Button size="sm" variant="secondary" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            Cancel the rest
          </Button>
        ) : (
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            Dismiss
          </Button>
        )
      }
    >
      <ProgressBar value={done} max={op.counts.total} label={`${text.verb} progress`} />
      <p className="bulk-summary" aria-live="polite">
        {formatNumber(done)} of {formatNumber(op.counts.total)} handled · {formatNumber(op.counts.succeeded)}{' '}
        {text.done} · {formatNumber(op.counts.skipped)} skipped · {formatNumber(op.counts.failed)} failed
      </p>
      {op.error && <p className="form-error">{op.error}</p>}
      <div className="segmented" role="group" aria-label="Show results">
        {(['', 'failed', 'skipped', 'succeeded', 'pending'] as const).map((s) => (
          <button
            key={s || 'all'}
            type="button"
            className="segment"
            aria-pressed={filter === s}
            onClick={() => {
              setFilter(s);
              setPage(1);
            }}
          >
            {s === '' ? 'All' : s[0].toUpperCase() + s.slice(1)}
          </button>
        ))}
      </div>
      {items.isError ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : !items.data ? (
        <LoadingState label="Loading results…" />
      ) : items.data.items.length === 0 ? (
        <p className="muted">No tenant has this result.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>Tenant</th>
                  <th>Result</th>
                  <th>Details</th>
                </tr>
              </thead>
              <tbody>
                {items.data.items.map((item) => (
                  <tr key={item.tenant_id}>
                    <td>
                      {op.action === 'delete' && item.status === 'succeeded' ? (
                        <span>{item.tenant_name ?? item.tenant_id}</span>
                      ) : (
                        <Link to={paths.tenant(item.tenant_id)}>{item.tenant_name ?? item.tenant_id}</Link>
                      )}
                      <div className="cell-sub">
                        <code>{item.tenant_id}</code>
                      </div>
                    </td>
                    <td>
                      <Badge tone={ITEM_TONE[item.status]}>{item.status}</Badge>
                    </td>
                    <td>{item.message ?? (item.status === 'succeeded' ? text.done : '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {items.data.total > items.data.page_size && (
            <Pagination
              page={page}
              pageSize={items.data.page_size}
              total={items.data.total}
              onPage={setPage}
              noun="results"
            />
          )}
        </>
      )}
    </Card>
  );
}
