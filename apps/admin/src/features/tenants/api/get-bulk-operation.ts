import { AdminRoutes, type BulkOperation } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { bulkKeys } from './keys';

export const isUnfinished = (operation: BulkOperation | undefined) =>
  operation?.status === 'queued' || operation?.status === 'running';

/** The operation's progress, polled every second while it runs. */
export const bulkOperationQuery = (id: string) =>
  queryOptions({
    queryKey: bulkKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<BulkOperation>(AdminRoutes.bulkOperation(id), { signal }),
    refetchInterval: (query) => (isUnfinished(query.state.data) ? 1000 : false),
  });

export const useBulkOperation = (id: string) => useQuery(bulkOperationQuery(id));
