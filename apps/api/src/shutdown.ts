import { INestApplicationContext, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { ShutdownCoordinator } from './common/lifecycle/shutdown-coordinator';
import { AppConfig } from './config/config';
import { APP_CONFIG } from './config/config.module';
import { JobQueue } from './modules/jobs/job-queue.service';

export interface DrainReport {
  /** From the signal to the moment everything was closed. */
  ms: number;
  requestsFinished: boolean;
  jobsFinished: boolean;
}

export interface DrainOptions {
  /** The server whose requests to finish. */
  server?: Server;
  /** Keep accepting for SHUTDOWN_DELAY (with /health at 503) before closing the listener: the API, not the worker's probes. */
  keepListening?: boolean;
}

/**
 * Graceful shutdown of an API or worker process, bounded by SHUTDOWN_TIMEOUT from the signal:
 * readiness turns 503 and workers stop taking jobs at once; the API keeps accepting for
 * SHUTDOWN_DELAY (so a load balancer that polls /health moves traffic away), then closes its
 * listener; in-flight requests and running jobs finish meanwhile. At the deadline, connections
 * still open are cut and jobs still running are failed, so another worker retries them. Then
 * every module stops, the database last.
 */
export async function drainAndClose(
  app: INestApplicationContext,
  { server, keepListening = false }: DrainOptions = {},
): Promise<DrainReport> {
  const started = Date.now();
  const logger = new Logger('Shutdown');
  const config = app.get<AppConfig>(APP_CONFIG);
  const coordinator = app.get(ShutdownCoordinator);
  coordinator.begin();
  const delayMs = keepListening
    ? Math.min(config.operations.shutdownDelaySeconds * 1000, coordinator.remainingMs())
    : 0;
  logger.log(
    {
      requests_in_flight: coordinator.requestsInFlight,
      delay_ms: delayMs,
      timeout_ms: coordinator.remainingMs(),
    },
    'Shutting down: finishing in-flight requests and running jobs',
  );
  const jobs = app.get(JobQueue).drain();
  let requests: Promise<boolean> = Promise.resolve(true);
  if (server) {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    server.close();
    server.closeIdleConnections();
    requests = coordinator.waitForRequests();
  }
  const [requestsFinished, jobsFinished] = await Promise.all([requests, jobs]);
  server?.closeAllConnections();
  await app.close();
  const report = { ms: Date.now() - started, requestsFinished, jobsFinished };
  if (requestsFinished && jobsFinished)
    logger.log({ drain_ms: report.ms }, 'Stopped after finishing all work');
  else
    logger.warn(
      { drain_ms: report.ms, requests_finished: requestsFinished, jobs_finished: jobsFinished },
      'Stopped at SHUTDOWN_TIMEOUT with work unfinished: open requests were cut, running jobs will be retried',
    );
  return report;
}

/**
 * SIGTERM (docker stop, Kubernetes) or SIGINT (Ctrl-C) drains and exits 0; a second signal while
 * draining exits at once.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, options: DrainOptions = {}): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${signal} again: stopping without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    drainAndClose(app, options).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
