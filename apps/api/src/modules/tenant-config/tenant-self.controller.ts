import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TenantResponse, WhatsAppConfig } from '@parley/shared-types';
import { Actor, ActorContext } from '../../common/auth/actor';
import { TenantAdminOnly, TenantId } from '../../common/auth/decorators';
import { TenantSettingsDto } from './dto/tenant.dto';
import { CreateWhatsAppConfigDto, UpdateWhatsAppConfigDto } from './dto/whatsapp-config.dto';
import { TenantsService } from './tenants.service';
import { WhatsAppConfigService } from './whatsapp-config.service';

/** A tenant admin's own tenant: branding, CRM and LLM settings (not its id or status). */
@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/settings')
export class TenantSettingsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  get(@TenantId() tenantId: string): Promise<TenantResponse> {
    return this.tenants.get(tenantId);
  }

  @Patch()
  update(
    @Actor() actor: ActorContext,
    @TenantId() tenantId: string,
    @Body() dto: TenantSettingsDto,
  ): Promise<TenantResponse> {
    return this.tenants.updateSettings(actor, tenantId, dto);
  }
}

/** A tenant admin's own WhatsApp configuration; the tenant always comes from the token. */
@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/config')
export class TenantConfigController {
  constructor(private readonly configs: WhatsAppConfigService) {}

  @Get()
  get(@TenantId() tenantId: string): Promise<WhatsAppConfig> {
    return this.configs.get(tenantId);
  }

  /** Unmasked secrets; audited as a reveal. */
  @Get('full')
  full(@Actor() actor: ActorContext, @TenantId() tenantId: string): Promise<WhatsAppConfig> {
    return this.configs.reveal(actor, tenantId);
  }

  @Post()
  create(
    @Actor() actor: ActorContext,
    @TenantId() tenantId: string,
    @Body() dto: CreateWhatsAppConfigDto,
  ): Promise<WhatsAppConfig> {
    return this.configs.create(actor, tenantId, dto);
  }

  @Put()
  update(
    @Actor() actor: ActorContext,
    @TenantId() tenantId: string,
    @Body() dto: UpdateWhatsAppConfigDto,
  ): Promise<WhatsAppConfig> {
    return this.configs.update(actor, tenantId, dto);
  }

  @Delete()
  @HttpCode(204)
  remove(@Actor() actor: ActorContext, @TenantId() tenantId: string): Promise<void> {
    return this.configs.remove(actor, tenantId);
  }

  @Post('activate')
  @HttpCode(200)
  activate(@Actor() actor: ActorContext, @TenantId() tenantId: string): Promise<WhatsAppConfig> {
    return this.configs.setActive(actor, tenantId, true);
  }

  @Post('deactivate')
  @HttpCode(200)
  deactivate(@Actor() actor: ActorContext, @TenantId() tenantId: string): Promise<WhatsAppConfig> {
    return this.configs.setActive(actor, tenantId, false);
  }
}
