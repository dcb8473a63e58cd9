import { INestApplicationContext } from '@nestjs/common';
import type { Server } from 'node:http';
import { createHeadlessApp } from './app.factory';
import { AppConfig } from './config/config';
import { exitGracefullyOnSignals } from './shutdown';
import { startWorkerProbes } from './worker-probes';

/** Starts the worker role: the application without the API, its probes, and shutdown on SIGTERM. */
export async function startWorker(
  config: AppConfig,
): Promise<{ app: INestApplicationContext; probes: Server }> {
  const app = await createHeadlessApp(config, 'worker');
  const probes = await startWorkerProbes(app, config);
  exitGracefullyOnSignals(app, { server: probes });
  return { app, probes };
}
