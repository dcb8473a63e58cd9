import type { DeadLetter } from '@parley/shared-types';
import { formatDateTime, formatNumber, formatRelative } from '../../../lib/format';
import type { Column } from '../components/DeliveryList';
import { DeliveryPage } from '../components/DeliveryPage';

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
    <DeliveryPage<DeadLetter>
      kind="dead-letters"
      title="Dead letters"
      description="Background jobs that failed on every retry. Fix the cause (a token, a CRM setting), then replay."
      noun="dead letters"
      columns={COLUMNS}
      empty={{ title: 'No dead letters', body: 'No background job has run out of retries.' }}
      dialogTitle={(item) => item?.summary ?? 'Dead letter'}
      text={{
        noun: 'job',
        replayHelp: 'Queues the job again with its retries reset.',
        discardHelp: 'Deletes the job for good; what it was doing is not done.',
      }}
      facts={(d) => [
        { label: 'Queue', value: <code>{d.queue}</code> },
        { label: 'Tenant', value: d.tenant_id ?? '—' },
        {
          label: 'Attempts',
          value: `${formatNumber(d.attempts)}, last failed ${formatDateTime(d.failed_at)}`,
        },
        { label: 'Last error', value: d.last_error, breakAnywhere: true },
      ]}
    />
  );
}
