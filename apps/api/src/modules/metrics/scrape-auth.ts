import { createHash, timingSafeEqual } from 'node:crypto';

export type ScrapeDecision =
  { ok: true } | { ok: false; statusCode: 401 | 404; error: string; message: string };

/** Whether a scrape may read /metrics: off without METRICS_TOKEN, else the bearer token must match (constant time). */
export function authorizeScrape(
  token: string | undefined,
  authorization: string | undefined,
): ScrapeDecision {
  if (!token) {
    return {
      ok: false,
      statusCode: 404,
      error: 'Not Found',
      message: 'Metrics are off: set METRICS_TOKEN to enable /metrics',
    };
  }
  const given = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
  if (!sameSecret(given, token)) {
    return {
      ok: false,
      statusCode: 401,
      error: 'Unauthorized',
      message: 'A valid METRICS_TOKEN bearer token is required',
    };
  }
  return { ok: true };
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
