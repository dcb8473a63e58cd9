import { Controller, Delete, Get, HttpCode, Param, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AdminWhatsAppConfigPage, ConfigStats } from '@parley/shared-types';
import { Actor, ActorContext } from '../../common/auth/actor';
import { PlatformAdminOnly } from '../../common/auth/decorators';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { AdminConfigListQueryDto, DeleteAllConfigsQueryDto } from './dto/admin-config-query.dto';
import { WhatsAppConfigService } from './whatsapp-config.service';

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/configs')
export class AdminConfigsController {
  constructor(private readonly configs: WhatsAppConfigService) {}

  @Get('all')
  all(@Query() query: AdminConfigListQueryDto): Promise<AdminWhatsAppConfigPage> {
    return this.configs.listAll(query);
  }

  @Get('stats')
  stats(): Promise<ConfigStats> {
    return this.configs.stats();
  }

  /** `?confirmation=DELETE_ALL_CONFIGS_PERMANENTLY`, exactly; anything else deletes nothing. */
  @Delete('delete-all')
  deleteAll(
    @Actor() actor: ActorContext,
    @Query() query: DeleteAllConfigsQueryDto,
  ): Promise<{ deleted: number }> {
    return this.configs.deleteAll(actor, query.confirmation);
  }

  @Delete('delete-tenant/:id')
  @HttpCode(204)
  deleteTenant(@Actor() actor: ActorContext, @Param('id') id: string): Promise<void> {
    return this.configs.remove(actor, id, 'config.admin_delete');
  }
}
