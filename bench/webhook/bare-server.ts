import 'reflect-metadata';
import { Controller, HttpCode, Module, Post, Req, UnauthorizedException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express, { Request } from 'express';
import helmet from 'helmet';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The baseline: the same Nest + Express stack and the same work up to the database (raw body up
 * to 3 MB, HMAC check, JSON parse), then 200 without storing anything.
 */
const SECRET = process.env.FB_APP_SECRET ?? '';

@Controller('webhooks/whatsapp')
class BareWebhookController {
  @Post()
  @HttpCode(200)
  receive(@Req() req: Request): void {
    const body = req.body as Buffer;
    const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? '').slice(7));
    const expected = Buffer.from(createHmac('sha256', SECRET).update(body).digest('hex'));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new UnauthorizedException();
    JSON.parse(body.toString('utf8'));
  }
}

@Module({ controllers: [BareWebhookController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { bodyParser: false, logger: ['error'] });
  app.use(helmet());
  app.use('/webhooks/whatsapp', express.raw({ type: () => true, limit: 3 * 1024 * 1024 }));
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.stdout.write('ready\n');
}

void main();
