import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TenantHealth } from '@parley/shared-types';
import { Actor, ActorContext } from '../../common/auth/actor';
import { TenantAdminOnly, TenantId } from '../../common/auth/decorators';
import { CredentialCheckService } from './credential-check.service';

/** "Check now": the tenant's credentials against their vendors, then the recorded health. */
@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/health')
export class CredentialCheckController {
  constructor(private readonly checks: CredentialCheckService) {}

  @Post('check')
  @HttpCode(200)
  check(@Actor() actor: ActorContext, @TenantId() tenantId: string): Promise<TenantHealth> {
    return this.checks.checkTenant(tenantId, actor);
  }
}
