import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { Button } from './Button';
import { Spinner } from './Spinner';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status">
      <Spinner size={22} />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.isForbidden) {
    return (
      <div className="state state-forbidden" role="alert">
        <strong>You do not have access to this</strong>
        <p>{error.message}</p>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    // Something that was deleted or never existed (an old link): trying again will not bring it back.
    return (
      <div className="state state-empty" role="alert">
        <strong>Not found</strong>
        <p>{error.message}</p>
      </div>
    );
  }
  return (
    <div className="state state-error" role="alert">
      <strong>Something went wrong</strong>
      <p>{error instanceof Error ? error.message : 'Unknown error'}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/** Renders a query's loading, error/forbidden and data states the same way on every page. */
export function QueryView<T>({
  query,
  children,
  loadingLabel,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
