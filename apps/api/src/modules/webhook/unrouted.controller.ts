import { Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { UnroutedWebhook, UnroutedWebhookPage } from '@parley/shared-types';
import { PlatformAdminOnly } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/http/query';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { UnroutedService } from './unrouted.service';

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/webhooks/unrouted')
export class UnroutedController {
  constructor(private readonly unrouted: UnroutedService) {}

  @Get()
  list(@Query() query: PageQueryDto): Promise<UnroutedWebhookPage> {
    return this.unrouted.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<UnroutedWebhook> {
    return this.unrouted.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  replay(@Param('id') id: string): Promise<{ result: string }> {
    return this.unrouted.replay(id);
  }

  @Delete(':id')
  @HttpCode(204)
  discard(@Param('id') id: string): Promise<void> {
    return this.unrouted.discard(id);
  }
}
