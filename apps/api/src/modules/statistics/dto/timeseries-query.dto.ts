import type { StatsTimeseriesQuery } from '@parley/shared-types';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class TimeseriesQueryDto implements StatsTimeseriesQuery {
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  from?: string;

  @IsOptional()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  to?: string;

  /** Comma-separated series keys. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  series?: string;
}
