import { Controller, Get, Headers, HttpException, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Metrics } from './metrics.service';
import { authorizeScrape } from './scrape-auth';

/** Prometheus scrape endpoint, behind `Authorization: Bearer $METRICS_TOKEN`; off when the token is unset. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const decision = authorizeScrape(this.config.metrics.token, authorization);
    if (!decision.ok) throw new HttpException(decision.message, decision.statusCode);
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
