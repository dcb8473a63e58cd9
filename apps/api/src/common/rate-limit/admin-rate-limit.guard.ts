import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuthContext } from '../auth/auth-context';
import { RateLimiter } from './rate-limiter';

/** Platform-admin endpoints: ADMIN_RATE_LIMIT_PER_MINUTE requests per admin per minute, across replicas. */
@Injectable()
export class AdminRateLimitGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const user = context.switchToHttp().getRequest<{ user?: AuthContext }>().user;
    if (!user) return true;
    const verdict = await this.limiter.hit(`admin:${user.userId}`, this.config.admin.rateLimitPerMinute, 60);
    if (verdict.allowed) return true;
    throw new HttpException(
      {
        message: `Too many admin requests; try again in ${verdict.retryAfterSeconds} seconds`,
        retryAfterSeconds: verdict.retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
