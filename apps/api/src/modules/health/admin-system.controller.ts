import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SystemInfo } from '@parley/shared-types';
import { PlatformAdminOnly } from '../../common/auth/decorators';
import { HealthService } from './health.service';

@ApiTags('admin')
@PlatformAdminOnly()
@Controller('api/v1/admin/system')
export class AdminSystemController {
  constructor(private readonly health: HealthService) {}

  /** What a platform admin needs to know about this deployment at a glance. */
  @Get()
  system(): Promise<SystemInfo> {
    return this.health.systemInfo();
  }
}
