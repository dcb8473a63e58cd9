import type { AuditEvent } from '@parley/shared-types';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, QueryView } from '../../../components/States';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useAuditEvents } from '../api/list-audit-events';
import { AuditEventDialog } from '../components/AuditEventDialog';
import { AuditFilterForm } from '../components/AuditFilterForm';
import { actionLabel } from '../lib/audit-labels';
import { auditParams, auditQuery, filtersFrom, pageFrom } from '../lib/audit-params';

export function TenantAuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = pageFrom(params);
  const events = useAuditEvents(auditQuery(filters, page));
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every change to your account, who made it and when. Secrets are recorded masked."
      />
      <Card>
        <AuditFilterForm
          key={params.toString()}
          initial={filters}
          onApply={(next) => setParams(auditParams(next))}
        />
        <QueryView query={events} loadingLabel="Loading the audit log…">
          {(result) =>
            result.items.length === 0 ? (
              <EmptyState title={filtered ? 'No events match these filters' : 'Nothing recorded yet'}>
                {filtered
                  ? 'Try a wider date range or another action.'
                  : 'Changes to your WhatsApp number, settings and leads will be listed here.'}
              </EmptyState>
            ) : (
              <>
                <div className="table-scroll">
                  <table
                    className={`data-table stack-on-phone audit-table ${events.isPlaceholderData ? 'data-table-busy' : ''}`}
                  >
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">What</th>
                        <th scope="col">Who</th>
                        <th scope="col">
                          <span className="visually-hidden">Details</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.items.map((event) => (
                        <tr key={event.id}>
                          <td data-label="When">
                            <span title={formatDateTime(event.occurred_at)}>
                              {formatRelative(event.occurred_at)}
                            </span>
                          </td>
                          <td data-label="What">
                            {actionLabel(event)}
                            <span className="cell-note">
                              <code>{event.action}</code>
                            </span>
                          </td>
                          <td data-label="Who" className="cell-break">
                            {event.actor.email ?? 'Parley (automatic)'}
                          </td>
                          <td className="col-actions">
                            <button
                              type="button"
                              className="btn btn-secondary btn-sm"
                              onClick={() => setOpen(event)}
                              aria-label={`Details of "${actionLabel(event)}" ${formatRelative(event.occurred_at)}`}
                            >
                              Details
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination
                  page={result.page}
                  pageSize={result.page_size}
                  total={result.total}
                  noun="events"
                  busy={events.isFetching}
                  onPage={(p) => setParams(auditParams(filters, p))}
                />
              </>
            )
          }
        </QueryView>
      </Card>
      <AuditEventDialog event={open} onClose={() => setOpen(null)} />
    </>
  );
}
