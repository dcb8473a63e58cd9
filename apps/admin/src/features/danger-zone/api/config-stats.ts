import { AdminRoutes, type ConfigStats } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** The same figures the statistics page shows, under the same key, so both share one cache entry. */
export const configStatsKey = ['platform', 'configs', 'stats'] as const;

export const configCountQuery = () =>
  queryOptions({
    queryKey: configStatsKey,
    queryFn: ({ signal }) => apiRequest<ConfigStats>(AdminRoutes.configsStats, { signal }),
    staleTime: 0,
  });

export const useConfigCount = () => useQuery(configCountQuery());
