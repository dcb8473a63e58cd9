import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { API_PATHS } from './common/http/api-paths';
import { bodyParsers, webhookBodyParser } from './common/http/body-parsers';
import { HttpExceptionFilter } from './common/http/http-exception.filter';
import { createValidationPipe } from './common/http/validation.pipe';
import { ShutdownCoordinator } from './common/lifecycle/shutdown-coordinator';
import { requestContext } from './common/logging/request-context.middleware';
import { AppConfig } from './config/config';
import { httpMetrics } from './modules/metrics/http-metrics.middleware';
import { Metrics } from './modules/metrics/metrics.service';
import { APP_VERSION } from './version';

/**
 * Everything about the HTTP surface that is not a route: security headers, body parsing,
 * validation, error shape, request ids, OpenAPI, and the admin app. Used by main.ts and by
 * every e2e test, so tests exercise exactly what production serves.
 */
export function configureApp(app: INestApplication, config: AppConfig, logger: Logger): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.set('trust proxy', parseTrustProxy(config.core.trustProxy));
  server.disable('x-powered-by');

  app.use(app.get(ShutdownCoordinator).trackRequests);
  app.use(httpMetrics(app.get(Metrics)));
  app.use(requestContext(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Swagger UI and the admin app load only their own assets; images may come from tenants' logo URLs.
          'img-src': ["'self'", 'data:', 'https:'],
          ...embeddedSignupDirectives(config.meta.sdkUrl),
        },
      },
      crossOriginEmbedderPolicy: false,
      // Embedded Signup's Facebook popup posts back to its opener: `same-origin` would cut that link.
      crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    }),
  );
  const metrics = app.get(Metrics);
  app.use(
    '/webhooks/whatsapp',
    webhookBodyParser(() => metrics.webhookDeliveries.inc({ result: 'rejected', reason: 'size' })),
  );
  app.use(...bodyParsers(config.core.bodyLimitBytes));

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());

  const openApi = new DocumentBuilder()
    .setTitle('Parley API')
    .setDescription('Multi-tenant WhatsApp chatbot platform')
    .setVersion(APP_VERSION)
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });

  serveAdminApp(app, config);
}

function serveAdminApp(app: INestApplication, config: AppConfig): void {
  const dist = config.core.adminDistDir
    ? resolve(config.core.adminDistDir)
    : resolve(__dirname, '..', '..', 'admin', 'dist');
  const index = join(dist, 'index.html');
  app.use(express.static(dist, { index: false, maxAge: '1h', immutable: false }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The admin app is not built. Run `pnpm build` (or `pnpm start`, which builds it).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * What Meta's Embedded Signup needs from the page's CSP: the JS SDK from connect.facebook.net (or
 * the configured SDK address, e.g. a local fake), Facebook's frames and its XHRs.
 */
export function embeddedSignupDirectives(sdkUrl: string | undefined): Record<string, string[]> {
  const facebook = ['https://*.facebook.com', 'https://*.facebook.net'];
  let sdkOrigin: string[] = [];
  try {
    if (sdkUrl) sdkOrigin = [new URL(sdkUrl).origin];
  } catch {
    // A malformed address adds nothing; the onboarding preflight reports it.
  }
  return {
    'script-src': ["'self'", 'https://connect.facebook.net', ...sdkOrigin],
    'frame-src': ["'self'", ...facebook, ...sdkOrigin],
    'connect-src': ["'self'", ...facebook, ...sdkOrigin],
  };
}
