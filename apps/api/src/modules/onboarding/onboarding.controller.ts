import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OnboardConfig, OnboardingStep, WhatsAppOnboardResponse } from '@parley/shared-types';
import { Actor, ActorContext } from '../../common/auth/actor';
import { TenantAdminOnly, TenantId } from '../../common/auth/decorators';
import { WhatsAppOnboardDto } from './dto/whatsapp-onboard.dto';
import { OnboardingService } from './onboarding.service';

/** WhatsApp Embedded Signup for the tenant in the token. */
@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/onboard')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get('config')
  config(@TenantId() tenantId: string): Promise<OnboardConfig> {
    return this.onboarding.onboardConfig(tenantId);
  }

  /** Runs (or resumes) the six steps; a failure answers with the OnboardingFailure body. */
  @Post('whatsapp-client')
  @HttpCode(200)
  onboard(
    @Actor() actor: ActorContext,
    @TenantId() tenantId: string,
    @Body() dto: WhatsAppOnboardDto,
  ): Promise<WhatsAppOnboardResponse> {
    return this.onboarding.onboard(actor, tenantId, dto);
  }

  @Get('steps')
  steps(@TenantId() tenantId: string): Promise<OnboardingStep[]> {
    return this.onboarding.latestSteps(tenantId);
  }
}
