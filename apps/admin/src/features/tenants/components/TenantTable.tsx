import type { TenantResponse } from '@parley/shared-types';
import { useEffect, useRef, type Dispatch } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Badge } from '../../../components/Badge';
import { formatDate } from '../../../lib/format';
import { CRM_LABELS, HEALTH_TEXT, LLM_LABELS } from '../lib/labels';
import type { TenantSort } from '../lib/list-params';
import { isSelected, pageState, type Selection, type SelectionEvent } from '../lib/selection';

interface Column {
  key: string;
  label: string;
  sort?: TenantSort;
  /** Hidden on narrow screens (`wide`), or only on phones (`medium`). */
  wide?: boolean;
  medium?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Tenant', sort: 'name' },
  { key: 'status', label: 'Status' },
  { key: 'crm', label: 'CRM', wide: true },
  { key: 'llm', label: 'LLM', wide: true },
  { key: 'whatsapp', label: 'WhatsApp', medium: true },
  { key: 'health', label: 'Health' },
  { key: 'created', label: 'Created', sort: 'created_at', wide: true },
];

export function TenantTable({
  tenants,
  selection,
  dispatch,
  sort,
  order,
  onSort,
  busy,
}: {
  tenants: TenantResponse[];
  selection: Selection;
  dispatch: Dispatch<SelectionEvent>;
  sort: TenantSort;
  order: 'asc' | 'desc';
  onSort: (sort: TenantSort) => void;
  busy: boolean;
}) {
  const pageIds = tenants.map((t) => t.id);
  const state = pageState(selection, pageIds);
  const headerBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (headerBox.current) headerBox.current.indeterminate = state === 'some';
  }, [state]);

  return (
    <div className="table-wrap" aria-busy={busy || undefined}>
      <table className={`table ${busy ? 'table-busy' : ''}`}>
        <thead>
          <tr>
            <th className="col-check">
              <input
                ref={headerBox}
                type="checkbox"
                aria-label="Select every tenant on this page"
                checked={state === 'all'}
                onChange={() => dispatch({ type: 'togglePage', ids: pageIds })}
              />
            </th>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                className={c.wide ? 'col-wide' : c.medium ? 'col-medium' : undefined}
                aria-sort={
                  c.sort && c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(c.sort!)}>
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">
                      {c.sort === sort ? (order === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tenants.map((tenant) => (
            <tr key={tenant.id} className={isSelected(selection, tenant.id) ? 'row-selected' : undefined}>
              <td className="col-check">
                <input
                  type="checkbox"
                  aria-label={`Select ${tenant.name}`}
                  checked={isSelected(selection, tenant.id)}
                  onChange={() => dispatch({ type: 'toggle', id: tenant.id })}
                />
              </td>
              <td>
                <Link to={paths.tenant(tenant.id)} className="cell-title">
                  {tenant.name}
                </Link>
                <div className="cell-sub">
                  <code>{tenant.id}</code>
                </div>
              </td>
              <td>
                <Badge tone={tenant.status === 'active' ? 'success' : 'warning'}>
                  {tenant.status === 'active' ? 'Active' : 'Suspended'}
                </Badge>
              </td>
              <td className="col-wide">{CRM_LABELS[tenant.crm]}</td>
              <td className="col-wide">
                {LLM_LABELS[tenant.llm.provider]}
                {tenant.llm.model && <div className="cell-sub">{tenant.llm.model}</div>}
              </td>
              <td className="col-medium">
                {tenant.whatsapp ? (
                  <>
                    <div>{tenant.whatsapp.display_phone_number ?? tenant.whatsapp.phone_number_id}</div>
                    <div className="cell-sub">
                      {tenant.whatsapp.onboarding_completed ? 'Onboarded' : 'Onboarding'}
                      {tenant.whatsapp.is_active ? '' : ' · inactive'}
                    </div>
                  </>
                ) : (
                  <span className="muted">Not connected</span>
                )}
              </td>
              <td>
                {tenant.health ? (
                  <Badge tone={HEALTH_TEXT[tenant.health].tone}>{HEALTH_TEXT[tenant.health].label}</Badge>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="col-wide">{formatDate(tenant.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
