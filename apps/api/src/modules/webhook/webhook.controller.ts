import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { WebhookService } from './webhook.service';

/** Meta's callback URLs: the platform app's and a tenant's own app's (`/:tenantId`). */
@ApiExcludeController()
@Public()
@Controller('webhooks/whatsapp')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Get()
  async verify(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    this.answer(res, await this.webhooks.verify(query));
  }

  @Get(':tenantId')
  async verifyTenant(
    @Param('tenantId') tenantId: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    this.answer(res, await this.webhooks.verify(query, tenantId));
  }

  @Post()
  @HttpCode(200)
  async receive(@Req() req: Request, @Headers('x-hub-signature-256') signature?: string): Promise<void> {
    await this.webhooks.receive(rawBody(req), signature);
  }

  @Post(':tenantId')
  @HttpCode(200)
  async receiveTenant(
    @Param('tenantId') tenantId: string,
    @Req() req: Request,
    @Headers('x-hub-signature-256') signature?: string,
  ): Promise<void> {
    await this.webhooks.receive(rawBody(req), signature, tenantId);
  }

  private answer(res: Response, challenge: string | null): void {
    if (challenge === null) res.status(403).type('text/plain').send('Forbidden');
    else res.status(200).type('text/plain').send(challenge);
  }
}

/** The webhook body parser leaves the exact bytes in `req.body` (see webhookBodyParser). */
function rawBody(req: Request): Buffer | undefined {
  return Buffer.isBuffer(req.body) ? req.body : undefined;
}
