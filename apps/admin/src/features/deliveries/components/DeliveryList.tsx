import { DEFAULT_PAGE_SIZE } from '@parley/shared-types';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { isMissingRoute } from '../../../lib/missing-route';
import { useDeliveries } from '../api/list-deliveries';
import type { DeliveryKind } from '../lib/kinds';

export interface Column<T> {
  label: string;
  cell: (item: T) => ReactNode;
}

/**
 * A paged table of unrouted webhooks or dead letters; the page lives in the address bar. A row's
 * "Inspect" opens it. A server without the route shows an error that says so.
 */
export function DeliveryList<T extends { id: string }>({
  kind,
  noun,
  columns,
  empty,
  inspect,
}: {
  kind: DeliveryKind;
  /** Plural: "unrouted webhooks". */
  noun: string;
  columns: Column<T>[];
  empty: { title: string; body: string };
  /** The dialog for the row being inspected (null: none). */
  inspect: (item: T | null, close: () => void) => ReactNode;
}) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('page_size')) || DEFAULT_PAGE_SIZE));
  const list = useDeliveries<T>(kind, { page, page_size: pageSize });
  const [open, setOpen] = useState<T | null>(null);
  const setPage = (next: { page?: number; page_size?: number }) =>
    setParams((current) => {
      const out = new URLSearchParams(current);
      out.set('page', String(next.page ?? page));
      out.set('page_size', String(next.page_size ?? pageSize));
      return out;
    });

  if (list.isPending) return <LoadingState label={`Loading ${noun}…`} />;
  if (list.isError && !list.data) {
    if (isMissingRoute(list.error)) {
      return (
        <div className="state state-error" role="alert">
          <strong>This server cannot list {noun}</strong>
          <p>Its API has no such route ({list.error.message}). Update the server to use this page.</p>
        </div>
      );
    }
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  const data = list.data;
  return (
    <Card>
      {data.total === 0 ? (
        <EmptyState title={empty.title}>{empty.body}</EmptyState>
      ) : (
        <>
          <div className="table-wrap" aria-busy={list.isFetching || undefined}>
            <table className="table" aria-label={noun}>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.label}>{c.label}</th>
                  ))}
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id}>
                    {columns.map((c) => (
                      <td key={c.label}>{c.cell(item)}</td>
                    ))}
                    <td>
                      <Button size="sm" variant="secondary" onClick={() => setOpen(item)}>
                        Inspect
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            pageSize={pageSize}
            total={data.total}
            noun={noun}
            busy={list.isFetching}
            onPage={(p) => setPage({ page: p })}
            onPageSize={(s) => setPage({ page: 1, page_size: s })}
          />
        </>
      )}
      {inspect(open, () => setOpen(null))}
    </Card>
  );
}
