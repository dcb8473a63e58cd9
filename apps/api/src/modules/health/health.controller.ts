import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@parley/shared-types';
import type { Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * Readiness: the database and the queue answer and the process is not shutting down. Load
   * balancers route traffic on this; a 503 means "send requests elsewhere", not "restart me".
   */
  @Get()
  @ApiOkResponse({ description: 'Database and queue are up' })
  @ApiServiceUnavailableResponse({ description: 'Database or queue is down, or the process is draining' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  /** Liveness: the process serves HTTP; it checks nothing else. Restart the process only when this fails. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
