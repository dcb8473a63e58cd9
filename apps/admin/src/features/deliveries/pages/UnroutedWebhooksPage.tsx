import type { UnroutedWebhook } from '@parley/shared-types';
import { Badge } from '../../../components/Badge';
import { formatDateTime, formatNumber, formatRelative, plural } from '../../../lib/format';
import type { Column } from '../components/DeliveryList';
import { DeliveryPage } from '../components/DeliveryPage';

const REASONS: Record<UnroutedWebhook['reason'], string> = {
  unknown_number: 'Unknown number',
  inactive_tenant: 'Tenant inactive',
  no_metadata: 'No phone number id',
};

const COLUMNS: Column<UnroutedWebhook>[] = [
  {
    label: 'Number',
    cell: (w) => (
      <>
        <div>{w.display_phone_number ?? <span className="muted">unknown</span>}</div>
        <div className="cell-sub">
          <code>{w.phone_number_id ?? '—'}</code>
        </div>
      </>
    ),
  },
  { label: 'Why', cell: (w) => <Badge tone="warning">{REASONS[w.reason]}</Badge> },
  { label: 'Events', cell: (w) => formatNumber(w.event_count) },
  { label: 'Deliveries', cell: (w) => formatNumber(w.occurrences) },
  {
    label: 'Last seen',
    cell: (w) => <span title={formatDateTime(w.last_seen_at)}>{formatRelative(w.last_seen_at)}</span>,
  },
];

/** Webhooks Meta delivered for a number no active tenant owns: inspect, replay once routed, or discard. */
export function UnroutedWebhooksPage() {
  return (
    <DeliveryPage<UnroutedWebhook>
      kind="unrouted"
      title="Unrouted webhooks"
      description="Messages and statuses Meta sent for a phone number no active tenant owns. Connect the number to a tenant, then replay."
      noun="unrouted webhooks"
      columns={COLUMNS}
      empty={{ title: 'No unrouted webhooks', body: 'Every webhook Meta sent reached its tenant.' }}
      dialogTitle={() => 'Unrouted webhook'}
      text={{
        noun: 'webhook',
        replayHelp:
          'Routes the stored webhook again, as if Meta had just sent it. It reaches a tenant only if one now owns the number.',
        discardHelp: 'Deletes the stored webhook for good; its messages are never answered.',
      }}
      facts={(w) => [
        {
          label: 'Phone number id',
          value: (
            <>
              <code>{w.phone_number_id ?? '—'}</code> {w.display_phone_number ?? ''}
            </>
          ),
        },
        { label: 'Why unrouted', value: REASONS[w.reason] },
        {
          label: 'Seen',
          value:
            w.occurrences === 1
              ? `once, ${formatDateTime(w.first_seen_at)}`
              : `${plural(w.occurrences, 'time')}, ${formatDateTime(w.first_seen_at)} to ${formatDateTime(w.last_seen_at)}`,
        },
      ]}
    />
  );
}
