import type { AuditEvent } from '@parley/shared-types';
import { Dialog } from '../../../components/Dialog';
import { KeyValues } from '../../../components/KeyValues';
import { formatDateTime } from '../../../lib/format';
import { actionLabel } from '../lib/audit-labels';
import { diffSnapshots, showValue } from '../lib/diff';

/** One event: who did what, from where, and what changed (secrets masked as the server recorded them). */
export function AuditEventDialog({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const rows = event ? diffSnapshots(event.before, event.after) : [];
  return (
    <Dialog open={!!event} title={event ? actionLabel(event.action) : ''} onClose={onClose} wide>
      {event && (
        <>
          <KeyValues
            items={[
              ['When', formatDateTime(event.occurred_at)],
              ['Who', event.actor.email ?? 'Parley (automatic)'],
              ['Action', <code key="a">{event.action}</code>],
              ['Target', `${event.target_type}${event.target_id ? ` ${event.target_id}` : ''}`],
              !!event.ip && ['Address', event.ip],
              !!event.request_id && ['Request id', <code key="r">{event.request_id}</code>],
            ]}
          />
          {rows.length === 0 ? (
            <p className="muted">No values were recorded with this event.</p>
          ) : (
            <div className="table-scroll diff-scroll">
              <table className="data-table diff-table">
                <caption className="visually-hidden">Values before and after</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.path} className={row.changed ? 'diff-changed' : ''}>
                      <th scope="row">
                        <code>{row.path}</code>
                        {row.changed && <span className="visually-hidden"> (changed)</span>}
                      </th>
                      <td className="diff-value">{showValue(row.before)}</td>
                      <td className="diff-value">{showValue(row.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
