import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  ConversationMessagePage,
  ConversationPage,
  PlaygroundMessageResponse,
} from '@parley/shared-types';
import { PlatformAdminOnly, TenantAdminOnly, TenantId } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/http/query';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { ConversationsService } from './conversations.service';
import { ConversationQueryDto } from './dto/conversation-query.dto';
import { PlaygroundMessageDto, PlaygroundResetDto } from './dto/playground.dto';
import { PlaygroundService } from './playground.service';

@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  list(@TenantId() tenantId: string, @Query() query: ConversationQueryDto): Promise<ConversationPage> {
    return this.conversations.list(tenantId, query);
  }

  @Get(':id/messages')
  messages(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<ConversationMessagePage> {
    return this.conversations.messages(tenantId, id, query);
  }
}

/** A tenant's conversations as platform admins see them (the admin app's tenant detail). */
@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/tenants/:tenantId/conversations')
export class AdminTenantConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  list(@Param('tenantId') tenantId: string, @Query() query: ConversationQueryDto): Promise<ConversationPage> {
    return this.conversations.listForAdmin(tenantId, query);
  }
}

@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/playground/messages')
export class PlaygroundController {
  constructor(private readonly playground: PlaygroundService) {}

  @Post()
  @HttpCode(200)
  send(@TenantId() tenantId: string, @Body() dto: PlaygroundMessageDto): Promise<PlaygroundMessageResponse> {
    return this.playground.send(tenantId, dto);
  }

  @Delete()
  @HttpCode(204)
  reset(@TenantId() tenantId: string, @Query() query: PlaygroundResetDto): Promise<void> {
    return this.playground.reset(tenantId, query.from);
  }
}
