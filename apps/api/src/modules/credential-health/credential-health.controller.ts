import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TenantHealth } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { PlatformAdminOnly, TenantAdminOnly, TenantId } from '../../common/auth/decorators';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { CredentialHealthService } from './credential-health.service';

@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/health')
export class TenantHealthController {
  constructor(private readonly health: CredentialHealthService) {}

  @Get()
  get(@TenantId() tenantId: string): Promise<TenantHealth> {
    return this.health.forTenant(tenantId);
  }
}

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/tenants/:id/health')
export class AdminTenantHealthController {
  constructor(
    private readonly health: CredentialHealthService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  async get(@Param('id') tenantId: string): Promise<TenantHealth> {
    const exists = await this.dataSource.query<unknown[]>(`SELECT 1 FROM tenants WHERE id = $1`, [tenantId]);
    if (exists.length === 0) throw new NotFoundException(`Tenant ${tenantId} not found`);
    return this.health.forTenant(tenantId);
  }
}
