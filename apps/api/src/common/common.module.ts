import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { KeyRotationService } from './crypto/key-rotation.service';
import { ShutdownCoordinator } from './lifecycle/shutdown-coordinator';
import { createSecretBox } from './crypto/secrets';
import { SecretBox } from './crypto/secret-box';
import { AdminRateLimitGuard } from './rate-limit/admin-rate-limit.guard';
import { RateLimiter } from './rate-limit/rate-limiter';

/** Cross-cutting services every module may use: the secret box, the shared rate limiter, the shutdown state. */
@Global()
@Module({
  providers: [
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createSecretBox(config) },
    RateLimiter,
    AdminRateLimitGuard,
    KeyRotationService,
    ShutdownCoordinator,
  ],
  exports: [SecretBox, RateLimiter, AdminRateLimitGuard, KeyRotationService, ShutdownCoordinator],
})
export class CommonModule {}
