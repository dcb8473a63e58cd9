import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuditPage } from '@parley/shared-types';
import { PlatformAdminOnly, TenantAdminOnly, TenantId } from '../../common/auth/decorators';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { AuditService } from './audit.service';
import { AuditQueryDto, TenantAuditQueryDto } from './dto/audit-query.dto';

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/audit-events')
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(query);
  }
}

@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/audit-events')
export class TenantAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@TenantId() tenantId: string, @Query() query: TenantAuditQueryDto): Promise<AuditPage> {
    return this.audit.list(query, tenantId);
  }
}
