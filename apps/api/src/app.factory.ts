import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino, { type DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { createRootLogger, PinoNestLogger } from './common/logging/logger';
import { AppConfig } from './config/config';
import { ProcessRole } from './config/process-role';
import { configureApp } from './configure-app';

/**
 * The HTTP application exactly as production runs it; e2e tests call this too. Signals are the
 * entry point's business (main.ts drains on SIGTERM, see shutdown.ts).
 */
export async function createHttpApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  const logger = createRootLogger(config.core.logLevel, options.logDestination);
  const app = await NestFactory.create(AppModule.forRoot(config, 'api'), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    forceCloseConnections: true,
    abortOnError: false,
  });
  configureApp(app, config, logger);
  return app;
}

/** Workers and CLI commands: the same modules, no HTTP. A CLI command closes its app on Ctrl-C. */
export async function createHeadlessApp(
  config: AppConfig,
  role: ProcessRole,
): Promise<INestApplicationContext> {
  // A CLI command's stdout is its output (an export, a report); its logs go to stderr.
  const logger = createRootLogger(config.core.logLevel, role === 'cli' ? pino.destination(2) : undefined);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, role), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  if (role === 'cli') app.enableShutdownHooks();
  return app;
}
