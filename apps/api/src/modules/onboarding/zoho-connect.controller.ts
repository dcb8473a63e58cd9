import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ZohoAuthorizeUrl } from '@parley/shared-types';
import type { Request, Response } from 'express';
import { Actor, ActorContext } from '../../common/auth/actor';
import { Public, TenantAdminOnly, TenantId } from '../../common/auth/decorators';
import { type ZohoCallbackQuery, ZohoConnectService } from './zoho-connect.service';

@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/crm/zoho')
export class ZohoAuthorizeController {
  constructor(private readonly zoho: ZohoConnectService) {}

  @Get('authorize-url')
  authorizeUrl(@Actor() actor: ActorContext, @TenantId() tenantId: string): Promise<ZohoAuthorizeUrl> {
    return this.zoho.authorizeUrl(actor, tenantId);
  }
}

/** Where Zoho sends the browser back; the signed-in user is known only through `state`. */
@ApiTags('oauth')
@Public()
@Controller('api/v1/oauth/zoho')
export class ZohoCallbackController {
  constructor(private readonly zoho: ZohoConnectService) {}

  @Get('callback')
  async callback(
    @Query() query: ZohoCallbackQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    res.redirect(302, await this.zoho.callback(query, req.ip ?? null));
  }
}
