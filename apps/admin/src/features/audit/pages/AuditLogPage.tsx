import type { AuditEvent } from '@parley/shared-types';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { formatDateTime } from '../../../lib/format';
import { useAuditEvents } from '../api/list-audit-events';
import { AuditEventDialog } from '../components/AuditEventDialog';
import {
  hasAuditFilters,
  KNOWN_ACTIONS,
  parseAuditParams,
  toAuditQuery,
  toAuditSearch,
  type AuditParams,
} from '../lib/audit-params';

export function AuditLogPage() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseAuditParams(search), [search]);
  const events = useAuditEvents(toAuditQuery(params));
  const [inspecting, setInspecting] = useState<AuditEvent | null>(null);
  const update = (change: Partial<AuditParams>) =>
    setSearch(toAuditSearch({ ...params, page: 1, ...change }));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made to tenants, users and configurations, with who made it. Secrets appear masked."
      />
      <Card>
        <AuditFilters key={search.toString()} params={params} onApply={update} />
        {events.isPending ? (
          <LoadingState label="Loading events…" />
        ) : events.isError && !events.data ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : events.data.total === 0 ? (
          <EmptyState
            title={
              hasAuditFilters(params) ? 'No event matches these filters' : 'Nothing has been audited yet'
            }
            action={
              hasAuditFilters(params) && (
                <Button variant="secondary" onClick={() => setSearch(new URLSearchParams())}>
                  Clear filters
                </Button>
              )
            }
          />
        ) : (
          <>
            {events.isError && <ErrorState error={events.error} onRetry={() => void events.refetch()} />}
            <div className="table-wrap">
              <table className={`table ${events.isPlaceholderData ? 'table-busy' : ''}`}>
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Action</th>
                    <th className="col-wide">Who</th>
                    <th>Tenant</th>
                    <th>
                      <span className="visually-hidden">Details</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {events.data.items.map((event) => (
                    <tr key={event.id}>
                      <td className="cell-nowrap">{formatDateTime(event.occurred_at)}</td>
                      <td>
                        <code>{event.action}</code>
                        <div className="cell-sub">
                          {event.target_type}{' '}
                          {event.target_id && <span className="cell-break">{event.target_id}</span>}
                        </div>
                      </td>
                      <td className="col-wide cell-break">{event.actor.email ?? '—'}</td>
                      <td>
                        {event.tenant_id ? (
                          <Link to={paths.tenant(event.tenant_id)}>{event.tenant_id}</Link>
                        ) : (
                          <span className="muted">platform</span>
                        )}
                      </td>
                      <td>
                        <Button size="sm" variant="secondary" onClick={() => setInspecting(event)}>
                          Inspect
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={params.page}
              pageSize={params.page_size}
              total={events.data.total}
              noun="events"
              onPage={(page) => setSearch(toAuditSearch({ ...params, page }))}
              onPageSize={(page_size) => update({ page_size })}
              busy={events.isPlaceholderData}
            />
          </>
        )}
      </Card>
      <AuditEventDialog event={inspecting} onClose={() => setInspecting(null)} />
    </>
  );
}

/** Filters apply together on "Filter" (typing five fields should not fire five requests). */
function AuditFilters({
  params,
  onApply,
}: {
  params: AuditParams;
  onApply: (change: Partial<AuditParams>) => void;
}) {
  const [draft, setDraft] = useState(params);
  const [error, setError] = useState<string | null>(null);
  const field = (key: 'tenant_id' | 'actor' | 'action' | 'from' | 'to') => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setError('The first day must come before the last');
      return;
    }
    setError(null);
    onApply({
      tenant_id: draft.tenant_id.trim(),
      actor: draft.actor.trim(),
      action: draft.action.trim(),
      from: draft.from,
      to: draft.to,
    });
  };
  return (
    <form
      className="filters audit-filters"
      role="search"
      aria-label="Filter audit events"
      onSubmit={submit}
      noValidate
    >
      <div className="field">
        <label htmlFor="audit-tenant">Tenant id</label>
        <input id="audit-tenant" {...field('tenant_id')} maxLength={64} spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor="audit-actor">Actor email</label>
        <input id="audit-actor" {...field('actor')} maxLength={254} placeholder="part of an email" />
      </div>
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input
          id="audit-action"
          {...field('action')}
          list="audit-actions"
          maxLength={100}
          placeholder="e.g. tenant."
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-from">From</label>
        <input id="audit-from" type="date" {...field('from')} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To</label>
        <input id="audit-to" type="date" {...field('to')} />
      </div>
      <div className="filter-clear">
        <Button type="submit" size="sm">
          Filter
        </Button>
      </div>
      {error && (
        <p className="field-error filters-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
