import { AdminRoutes, type SystemInfo } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const systemKeys = {
  all: ['platform', 'system'] as const,
};

export const systemQuery = () =>
  queryOptions({
    queryKey: systemKeys.all,
    queryFn: ({ signal }) => apiRequest<SystemInfo>(AdminRoutes.system, { signal }),
    refetchInterval: 30_000,
  });

export const useSystemInfo = () => useQuery(systemQuery());
