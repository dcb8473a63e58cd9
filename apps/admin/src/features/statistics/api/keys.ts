import type { StatsTimeseriesQuery } from '@parley/shared-types';

export const statisticsKeys = {
  all: ['platform', 'statistics'] as const,
  configStats: () => ['platform', 'configs', 'stats'] as const,
  timeseries: (query: StatsTimeseriesQuery) => [...statisticsKeys.all, 'timeseries', query] as const,
};
