import type { Lead } from '@parley/shared-types';
import { Button } from '../../../components/Button';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { SyncState } from './SyncState';

export const leadName = (lead: Lead) =>
  [lead.first_name, lead.last_name].filter(Boolean).join(' ') || 'Unnamed';

/** Leads as a table on wide screens and as stacked cards on a phone. */
export function LeadTable({
  leads,
  onRetry,
  retrying,
  busy,
}: {
  leads: readonly Lead[];
  onRetry: (lead: Lead) => void;
  retrying: string | null;
  busy: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className={`data-table stack-on-phone ${busy ? 'data-table-busy' : ''}`}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Contact</th>
            <th scope="col">CRM sync</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.id}>
              <td data-label="Name">
                <strong>{leadName(lead)}</strong>
                {lead.source && <span className="cell-note">Source: {lead.source}</span>}
              </td>
              <td data-label="Contact">
                <span className="cell-nowrap">{lead.phone}</span>
                {lead.email && <span className="cell-note cell-break">{lead.email}</span>}
              </td>
              <td data-label="CRM sync">
                <SyncState lead={lead} />
              </td>
              <td data-label="Added">
                <span title={formatDateTime(lead.created_at)}>{formatRelative(lead.created_at)}</span>
              </td>
              <td className="col-actions">
                {lead.sync_state !== 'synced' && (
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => onRetry(lead)}
                    loading={retrying === lead.id}
                    aria-label={`Retry sending ${leadName(lead)} to the CRM`}
                  >
                    Retry now
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
