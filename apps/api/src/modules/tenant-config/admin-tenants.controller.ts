import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TenantPage, TenantResponse, TenantUser, WhatsAppConfig } from '@parley/shared-types';
import { Actor, ActorContext } from '../../common/auth/actor';
import { PlatformAdminOnly } from '../../common/auth/decorators';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { CreateTenantDto, UpdateTenantDto } from './dto/tenant.dto';
import { TenantListQueryDto } from './dto/tenant-list-query.dto';
import { CreateTenantUserDto, UpdateTenantUserDto } from './dto/tenant-user.dto';
import { TenantUsersService } from './tenant-users.service';
import { TenantsService } from './tenants.service';
import { WhatsAppConfigService } from './whatsapp-config.service';

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/tenants')
export class AdminTenantsController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly configs: WhatsAppConfigService,
  ) {}

  @Post()
  create(@Actor() actor: ActorContext, @Body() dto: CreateTenantDto): Promise<TenantResponse> {
    return this.tenants.create(actor, dto);
  }

  @Get()
  list(@Query() query: TenantListQueryDto): Promise<TenantPage> {
    return this.tenants.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<TenantResponse> {
    return this.tenants.get(id);
  }

  /** The tenant's WhatsApp config, secrets masked (revealing stays with the tenant's own audited route). */
  @Get(':id/whatsapp-config')
  whatsappConfig(@Param('id') id: string): Promise<WhatsAppConfig> {
    return this.configs.getForAdmin(id);
  }

  @Patch(':id')
  update(
    @Actor() actor: ActorContext,
    @Param('id') id: string,
    @Body() dto: UpdateTenantDto,
  ): Promise<TenantResponse> {
    return this.tenants.update(actor, id, dto);
  }

  /** Removes the tenant and every row and secret it owns. */
  @Delete(':id')
  @HttpCode(204)
  remove(@Actor() actor: ActorContext, @Param('id') id: string): Promise<void> {
    return this.tenants.remove(actor, id);
  }
}

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/tenants/:id/users')
export class AdminTenantUsersController {
  constructor(private readonly users: TenantUsersService) {}

  @Post()
  create(
    @Actor() actor: ActorContext,
    @Param('id') id: string,
    @Body() dto: CreateTenantUserDto,
  ): Promise<TenantUser> {
    return this.users.create(actor, id, dto);
  }

  @Get()
  list(@Param('id') id: string): Promise<TenantUser[]> {
    return this.users.list(id);
  }

  @Get(':userId')
  get(@Param('id') id: string, @Param('userId') userId: string): Promise<TenantUser> {
    return this.users.get(id, userId);
  }

  /** Change the email, reset the password, or disable/enable the account. */
  @Patch(':userId')
  update(
    @Actor() actor: ActorContext,
    @Param('id') id: string,
    @Param('userId') userId: string,
    @Body() dto: UpdateTenantUserDto,
  ): Promise<TenantUser> {
    return this.users.update(actor, id, userId, dto);
  }

  @Delete(':userId')
  @HttpCode(204)
  remove(
    @Actor() actor: ActorContext,
    @Param('id') id: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    return this.users.remove(actor, id, userId);
  }
}
