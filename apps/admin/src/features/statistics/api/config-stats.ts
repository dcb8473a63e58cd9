import { AdminRoutes, type ConfigStats } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { statisticsKeys } from './keys';

export const configStatsQuery = () =>
  queryOptions({
    queryKey: statisticsKeys.configStats(),
    queryFn: ({ signal }) => apiRequest<ConfigStats>(AdminRoutes.configsStats, { signal }),
  });

export const useConfigStats = () => useQuery(configStatsQuery());
