import type { NextFunction, Request, Response } from 'express';
import { API_PATHS } from '../../common/http/api-paths';
import { Metrics } from './metrics.service';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Counts and times every HTTP response by method, route template and status. The route is the
 * template Express matched (`/api/v1/admin/tenants/:id`), never the raw path, so the label set
 * stays bounded: pages of the admin app are one label, anything that matched no route another.
 * A response the client gave up on before it was sent counts with status "aborted".
 */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      const route = routeLabel(req);
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      metrics.httpRequests.inc({ method, route, status });
      metrics.httpDuration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

function routeLabel(req: Request): string {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof template === 'string') return template;
  if ((req.method === 'GET' || req.method === 'HEAD') && !API_PATHS.test(req.path)) return '<admin-app>';
  return '<unmatched>';
}
