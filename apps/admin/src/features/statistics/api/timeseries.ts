import { AdminRoutes, type StatsTimeseriesQuery, type StatsTimeseriesResponse } from '@parley/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { statisticsKeys } from './keys';

export const timeseriesQuery = (query: StatsTimeseriesQuery) =>
  queryOptions({
    queryKey: statisticsKeys.timeseries(query),
    queryFn: ({ signal }) =>
      apiRequest<StatsTimeseriesResponse>(AdminRoutes.statsTimeseries, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

export const useTimeseries = (query: StatsTimeseriesQuery) => useQuery(timeseriesQuery(query));
