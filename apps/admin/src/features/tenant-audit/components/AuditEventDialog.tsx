import type { AuditEvent } from '@parley/shared-types';
import { useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { KeyValues } from '../../../components/KeyValues';
import { formatDateTime } from '../../../lib/format';
import { actionLabel } from '../lib/audit-labels';
import { diffSnapshots, showValue } from '../lib/diff';

/** One event: who did what, from where, and what changed (secrets masked as the server recorded them). */
export function AuditEventDialog({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const [showAll, setShowAll] = useState(false);
  const rows = event ? diffSnapshots(event.before, event.after) : [];
  const changed = rows.filter((r) => r.changed).length;
  // A snapshot on both sides is mostly unchanged fields: show the changes unless asked for all.
  const shown = showAll || changed === 0 ? rows : rows.filter((r) => r.changed);
  const close = () => {
    setShowAll(false);
    onClose();
  };
  return (
    <Dialog open={!!event} title={event ? actionLabel(event) : ''} onClose={close} wide>
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
            <>
              {changed > 0 && changed < rows.length && (
                <label className="checkbox diff-toggle">
                  <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
                  <span>Show the {rows.length - changed} unchanged fields too</span>
                </label>
              )}
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
                    {shown.map((row) => (
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
            </>
          )}
        </>
      )}
    </Dialog>
  );
}
