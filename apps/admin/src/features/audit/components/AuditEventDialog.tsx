import type { AuditEvent } from '@parley/shared-types';
import { useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { formatDateTime } from '../../../lib/format';
import { diffSnapshots, show } from '../lib/diff';

/**
 * One audit event: who, when, from where, and the before/after snapshots as the API stored them
 * (secrets were masked when the event was written; nothing here can unmask them).
 */
export function AuditEventDialog({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const [onlyChanges, setOnlyChanges] = useState(true);
  const rows = event ? diffSnapshots(event.before, event.after) : [];
  const hasBoth = event?.before != null && event?.after != null;
  const shown = hasBoth && onlyChanges ? rows.filter((r) => r.changed) : rows;
  return (
    <Dialog open={event !== null} title={event ? event.action : ''} onClose={onClose} wide>
      {event && (
        <>
          <dl className="details details-compact">
            <div className="detail">
              <dt>When</dt>
              <dd>{formatDateTime(event.occurred_at)}</dd>
            </div>
            <div className="detail">
              <dt>Who</dt>
              <dd>
                {event.actor.email ?? 'unknown'} <span className="muted">{event.actor.role}</span>
              </dd>
            </div>
            <div className="detail">
              <dt>Tenant</dt>
              <dd>{event.tenant_id ?? <span className="muted">platform</span>}</dd>
            </div>
            <div className="detail">
              <dt>Target</dt>
              <dd>
                {event.target_type} <code>{event.target_id ?? '—'}</code>
              </dd>
            </div>
            <div className="detail">
              <dt>From</dt>
              <dd>
                {event.ip ?? '—'} <span className="muted">request {event.request_id ?? '—'}</span>
              </dd>
            </div>
          </dl>
          {rows.length === 0 ? (
            <p className="muted">This event has no snapshot.</p>
          ) : (
            <>
              {hasBoth && (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={onlyChanges}
                    onChange={(e) => setOnlyChanges(e.target.checked)}
                  />
                  <span>Only what changed</span>
                </label>
              )}
              <div className="table-wrap diff-wrap">
                <table className="table table-compact diff">
                  <thead>
                    <tr>
                      <th>Field</th>
                      <th>Before</th>
                      <th>After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((r) => (
                      <tr key={r.path} className={hasBoth && r.changed ? 'diff-changed' : undefined}>
                        <td>
                          <code>{r.path}</code>
                        </td>
                        <td className="diff-value">{show(r.before)}</td>
                        <td className="diff-value">{show(r.after)}</td>
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
