import { AdminRoutes, type BulkOperationItemPage, type BulkOperationItemQuery } from '@parley/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { bulkKeys } from './keys';

export const bulkItemsQuery = (id: string, query: BulkOperationItemQuery, live: boolean) =>
  queryOptions({
    queryKey: bulkKeys.items(id, query),
    queryFn: ({ signal }) =>
      apiRequest<BulkOperationItemPage>(AdminRoutes.bulkOperationItems(id), { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 2000 : false,
  });

export const useBulkItems = (id: string, query: BulkOperationItemQuery, live: boolean) =>
  useQuery(bulkItemsQuery(id, query, live));
