import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { StatsTimeseriesResponse } from '@parley/shared-types';
import { PlatformAdminOnly } from '../../common/auth/decorators';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { TimeseriesQueryDto } from './dto/timeseries-query.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/stats')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  /** Daily series between `from` and `to` (UTC days, inclusive; default the last 30 days). */
  @Get('timeseries')
  timeseries(@Query() query: TimeseriesQueryDto): Promise<StatsTimeseriesResponse> {
    return this.statistics.timeseries(query);
  }
}
