import type { Lead } from '@parley/shared-types';
import { Badge } from '../../../components/Badge';
import { formatDateTime, formatRelative } from '../../../lib/format';

const CRM_NAMES = { zoho: 'Zoho CRM', hubspot: 'HubSpot', local: 'the built-in list' } as const;

/** Where a lead stands with the CRM, and why when it is not there yet. */
export function SyncState({ lead }: { lead: Lead }) {
  if (lead.sync_state === 'synced') {
    return (
      <div className="sync-state">
        <Badge tone="success">Synced</Badge>
        <span className="cell-note" title={formatDateTime(lead.synced_at)}>
          In {CRM_NAMES[lead.crm]} {formatRelative(lead.synced_at)}
        </span>
      </div>
    );
  }
  if (lead.sync_state === 'pending') {
    return (
      <div className="sync-state">
        <Badge tone="warning">Pending</Badge>
        <span className="cell-note">
          {lead.attempts === 0
            ? `Waiting for ${CRM_NAMES[lead.crm]}`
            : `Attempt ${lead.attempts} failed; next ${formatRelative(lead.next_attempt_at)}`}
        </span>
        {lead.last_error && <span className="cell-note cell-error">{lead.last_error}</span>}
      </div>
    );
  }
  return (
    <div className="sync-state">
      <Badge tone="danger">Failed</Badge>
      <span className="cell-note">
        After {lead.attempts} {lead.attempts === 1 ? 'attempt' : 'attempts'}
      </span>
      {lead.last_error && <span className="cell-note cell-error">{lead.last_error}</span>}
    </div>
  );
}
