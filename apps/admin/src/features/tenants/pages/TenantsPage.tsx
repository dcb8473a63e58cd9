import type { BulkAction } from '@parley/shared-types';
import { useCallback, useMemo, useReducer, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { Spinner } from '../../../components/Spinner';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { formatNumber, plural } from '../../../lib/format';
import { useTenantList } from '../api/list-tenants';
import { useStartBulkOperation } from '../api/start-bulk-operation';
import { BulkActionBar } from '../components/BulkActionBar';
import { BulkProgressPanel } from '../components/BulkProgressPanel';
import { RecentBulkOperations } from '../components/RecentBulkOperations';
import { TenantFilters } from '../components/TenantFilters';
import { TenantTable } from '../components/TenantTable';
import {
  defaultOrder,
  filterOf,
  hasFilters,
  parseListParams,
  toApiQuery,
  toSearchParams,
  type TenantListParams,
  type TenantSort,
} from '../lib/list-params';
import { EMPTY_SELECTION, selectedCount, selectionReducer, selectionRequest } from '../lib/selection';

const BULK_PARAM = 'bulk';

export function TenantsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => parseListParams(searchParams), [searchParams]);
  const list = useTenantList(toApiQuery(params));
  const bulkId = searchParams.get(BULK_PARAM);
  const start = useStartBulkOperation();

  // The selection belongs to one set of filters: changing them starts a new one.
  const filterKey = JSON.stringify(filterOf(params));
  const [selectionFor, setSelectionFor] = useState(filterKey);
  const [selection, dispatch] = useReducer(selectionReducer, EMPTY_SELECTION);
  if (selectionFor !== filterKey) {
    setSelectionFor(filterKey);
    dispatch({ type: 'clear' });
  }

  const update = useCallback(
    (change: Partial<TenantListParams>, options: { resetPage?: boolean } = { resetPage: true }) =>
      setSearchParams(
        (current) => {
          const next = { ...parseListParams(current), ...change };
          if (options.resetPage) next.page = change.page ?? 1;
          return toSearchParams(next, current);
        },
        { replace: 'search' in change },
      ),
    [setSearchParams],
  );
  const onFilter = useCallback((change: Partial<TenantListParams>) => update(change), [update]);
  const clearFilters = () =>
    update({
      search: '',
      status: undefined,
      crm: undefined,
      llm: undefined,
      onboarded: undefined,
      health: undefined,
    });
  const onSort = (sort: TenantSort) =>
    update({
      sort,
      order: sort === params.sort ? (params.order === 'asc' ? 'desc' : 'asc') : defaultOrder(sort),
    });
  const setBulk = (id: string | null) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set(BULK_PARAM, id);
      else next.delete(BULK_PARAM);
      return next;
    });

  const startBulk = async (action: BulkAction, confirmation?: string) => {
    const operation = await start.mutateAsync({ action, ...selectionRequest(selection), confirmation });
    dispatch({ type: 'clear' });
    setBulk(operation.id);
  };

  const page = list.data;
  const count = selectedCount(selection);
  const pageIds = page?.items.map((t) => t.id) ?? [];
  const wholePageSelected =
    selection.kind === 'ids' && pageIds.length > 0 && pageIds.every((id) => selection.ids.has(id));

  return (
    <>
      <PageHeader
        title="Tenants"
        description="Every business on this Parley: filter, open one, or act on many at once."
        actions={
          <Link to={paths.tenantNew} className="btn btn-primary">
            New tenant
          </Link>
        }
      />
      {bulkId && <BulkProgressPanel key={bulkId} id={bulkId} onDismiss={() => setBulk(null)} />}
      <Card>
        <TenantFilters params={params} onChange={onFilter} onClear={clearFilters} />
        {list.isPending ? (
          <LoadingState label="Loading tenants…" />
        ) : list.isError && !page ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : page && page.total === 0 ? (
          hasFilters(params) ? (
            <EmptyState
              title="No tenant matches these filters"
              action={
                <Button variant="secondary" onClick={clearFilters}>
                  Clear filters
                </Button>
              }
            >
              Try another search, or clear the filters to see every tenant.
            </EmptyState>
          ) : (
            <EmptyState
              title="No tenants yet"
              action={
                <Link to={paths.tenantNew} className="btn btn-primary">
                  Create the first tenant
                </Link>
              }
            >
              A tenant is one business with its own WhatsApp number, CRM and assistant.
            </EmptyState>
          )
        ) : page && page.items.length === 0 ? (
          <EmptyState
            title="This page is past the end of the list"
            action={<Button onClick={() => update({ page: 1 })}>Go to the first page</Button>}
          />
        ) : page ? (
          <>
            {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
            <div className="list-status" aria-live="polite">
              {list.isFetching && (
                <span className="muted">
                  <Spinner size={12} /> Updating…
                </span>
              )}
            </div>
            {selection.kind === 'ids' && wholePageSelected && page.total > pageIds.length && (
              <p className="select-all-banner">
                All {plural(pageIds.length, 'tenant')} on this page are selected.{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    dispatch({ type: 'selectMatching', filter: filterOf(params), total: page.total })
                  }
                >
                  Select all {formatNumber(page.total)} tenants{' '}
                  {hasFilters(params) ? 'matching the filters' : ''}
                </button>
              </p>
            )}
            {selection.kind === 'matching' && (
              <p className="select-all-banner">
                All {plural(selection.total, 'tenant')} {hasFilters(params) ? 'matching the filters ' : ''}are
                selected.{' '}
                <button type="button" className="link-button" onClick={() => dispatch({ type: 'clear' })}>
                  Clear selection
                </button>
              </p>
            )}
            <TenantTable
              tenants={page.items}
              selection={selection}
              dispatch={dispatch}
              sort={params.sort}
              order={params.order}
              onSort={onSort}
              busy={list.isPlaceholderData}
            />
            <Pagination
              page={params.page}
              pageSize={params.page_size}
              total={page.total}
              noun="tenants"
              onPage={(p) => update({ page: p }, { resetPage: false })}
              onPageSize={(size) => update({ page_size: size })}
              busy={list.isPlaceholderData}
            />
          </>
        ) : null}
      </Card>
      <RecentBulkOperations onOpen={setBulk} />
      {count > 0 && (
        <BulkActionBar
          count={count}
          matchingAll={selection.kind === 'matching'}
          onStart={startBulk}
          onClear={() => dispatch({ type: 'clear' })}
        />
      )}
    </>
  );
}
