import type { DeadLetter } from '@parley/shared-types';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime, formatNumber, formatRelative } from '../../../lib/format';
import { DeliveryDialog } from '../components/DeliveryDialog';
import { DeliveryList, type Column } from '../components/DeliveryList';

const COLUMNS: Column<DeadLetter>[] = [
  {
    label: 'Job',
    cell: (d) => (
      <>
        <div className="cell-break">{d.summary}</div>
        <div className="cell-sub">
          <code>{d.queue}</code>
        </div>
      </>
    ),
  },
  {
    label: 'Tenant',
    cell: (d) => (d.tenant_id ? <code>{d.tenant_id}</code> : <span className="muted">—</span>),
  },
  { label: 'Attempts', cell: (d) => formatNumber(d.attempts) },
  { label: 'Last error', cell: (d) => <span className="cell-break">{d.last_error}</span> },
  {
    label: 'Failed',
    cell: (d) => <span title={formatDateTime(d.failed_at)}>{formatRelative(d.failed_at)}</span>,
  },
];

/** Background jobs that failed every retry: inspect, replay once the cause is fixed, or discard. */
export function DeadLettersPage() {
  return (
    <>
      <PageHeader
        title="Dead letters"
        description="Background jobs that failed on every retry. Fix the cause (a token, a CRM setting), then replay."
      />
      <DeliveryList<DeadLetter>
        kind="dead-letters"
        noun="dead letters"
        columns={COLUMNS}
        empty={{ title: 'No dead letters', body: 'No background job has run out of retries.' }}
        inspect={(item, close) => (
          <DeliveryDialog<DeadLetter>
            kind="dead-letters"
            id={item?.id ?? null}
            title={item?.summary ?? 'Dead letter'}
            text={{
              noun: 'job',
              replayHelp: 'Queues the job again with its retries reset.',
              discardHelp: 'Deletes the job for good; what it was doing is not done.',
            }}
            facts={(d) => (
              <dl className="details details-compact">
                <div className="detail">
                  <dt>Queue</dt>
                  <dd>
                    <code>{d.queue}</code>
                  </dd>
                </div>
                <div className="detail">
                  <dt>Tenant</dt>
                  <dd>{d.tenant_id ?? '—'}</dd>
                </div>
                <div className="detail">
                  <dt>Attempts</dt>
                  <dd>
                    {formatNumber(d.attempts)}, last failed {formatDateTime(d.failed_at)}
                  </dd>
                </div>
                <div className="detail">
                  <dt>Last error</dt>
                  <dd className="cell-break">{d.last_error}</dd>
                </div>
              </dl>
            )}
            onClose={close}
          />
        )}
      />
    </>
  );
}
