import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CrmStatus, CrmTestResult, Lead, LeadPage } from '@parley/shared-types';
import { Actor, ActorContext } from '../../common/auth/actor';
import { TenantAdminOnly, TenantId } from '../../common/auth/decorators';
import { CrmConnectionService } from './crm-connection.service';
import { CreateLeadDto, LeadListQueryDto, UpdateCrmSettingsDto } from './dto/lead.dto';
import { LeadsService } from './leads.service';

/** A tenant admin's leads with their CRM sync state; the tenant always comes from the token. */
@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Get()
  list(@TenantId() tenantId: string, @Query() query: LeadListQueryDto): Promise<LeadPage> {
    return this.leads.list(tenantId, query);
  }

  @Get(':id')
  get(@TenantId() tenantId: string, @Param('id') id: string): Promise<Lead> {
    return this.leads.get(tenantId, id);
  }

  @Post()
  create(
    @Actor() actor: ActorContext,
    @TenantId() tenantId: string,
    @Body() dto: CreateLeadDto,
  ): Promise<Lead> {
    return this.leads.create(actor, tenantId, dto);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@Actor() actor: ActorContext, @TenantId() tenantId: string, @Param('id') id: string): Promise<Lead> {
    return this.leads.retry(actor, tenantId, id);
  }
}

/** The tenant's CRM connection: health, test, Zoho lead source. */
@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/crm')
export class CrmController {
  constructor(private readonly crm: CrmConnectionService) {}

  @Get()
  status(@TenantId() tenantId: string): Promise<CrmStatus> {
    return this.crm.status(tenantId);
  }

  @Patch()
  update(
    @Actor() actor: ActorContext,
    @TenantId() tenantId: string,
    @Body() dto: UpdateCrmSettingsDto,
  ): Promise<CrmStatus> {
    return this.crm.updateSettings(actor, tenantId, dto);
  }

  /** Runs the CRM's connection test and says in plain words what is wrong, if anything. */
  @Post('test')
  @HttpCode(200)
  test(@TenantId() tenantId: string): Promise<CrmTestResult> {
    return this.crm.test(tenantId);
  }
}
