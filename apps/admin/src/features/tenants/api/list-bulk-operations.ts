import { AdminRoutes, type BulkOperationPage } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { bulkKeys } from './keys';

export const recentBulkOperationsQuery = (pageSize: number) =>
  queryOptions({
    queryKey: [...bulkKeys.all, 'recent', pageSize] as const,
    queryFn: ({ signal }) =>
      apiRequest<BulkOperationPage>(AdminRoutes.bulkOperations, { query: { page_size: pageSize }, signal }),
  });

export const useRecentBulkOperations = (pageSize: number, enabled: boolean) =>
  useQuery({ ...recentBulkOperationsQuery(pageSize), enabled });
