import { INestApplicationContext } from '@nestjs/common';
import type { ErrorBody } from '@parley/shared-types';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppConfig } from './config/config';
import { HealthService } from './modules/health/health.service';
import { Metrics } from './modules/metrics/metrics.service';
import { authorizeScrape } from './modules/metrics/scrape-auth';

/**
 * The worker serves no API, but operators still need to probe and scrape it: `/health`
 * (readiness), `/health/live` (liveness) and `/metrics` (job metrics are recorded where jobs
 * run), with the same answers and the same token as the API process.
 */
export async function startWorkerProbes(app: INestApplicationContext, config: AppConfig): Promise<Server> {
  const health = app.get(HealthService);
  const metrics = app.get(Metrics);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'Method Not Allowed', 'Only GET');
    if (path === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (path === '/health') {
      const report = await health.check();
      return sendJson(res, report.status === 'ok' ? 200 : 503, report);
    }
    if (path === '/metrics') {
      const decision = authorizeScrape(config.metrics.token, req.headers.authorization);
      if (!decision.ok) return sendError(res, decision.statusCode, decision.error, decision.message);
      res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
      return;
    }
    sendError(res, 404, 'Not Found', 'The worker serves only /health, /health/live and /metrics');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendError(res, 500, 'Internal Server Error', 'Probe failed'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.operations.workerPort, config.core.host, () => resolve());
  });
  return server;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, statusCode: number, error: string, message: string): void {
  const body: ErrorBody = { statusCode, error, message };
  sendJson(res, statusCode, body);
}
