import { Module } from '@nestjs/common';
import { AdminSystemController } from './admin-system.controller';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  controllers: [HealthController, AdminSystemController],
  providers: [HealthService],
  exports: [HealthService],
})
export class HealthModule {}
