/**
 * The transport every outbound JSON API client shares (Meta's Graph API, the CRMs): one request
 * with a timeout, redirects not followed, the body read as JSON (null when empty or not JSON),
 * and "no answer at all" told apart from an HTTP answer. Nothing here logs a URL, header or body.
 */

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string | URL;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
}

export interface OutboundReply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty or non-JSON body. */
  body: unknown;
}

/** The vendor did not answer: timeout, DNS, refused or reset. The message names vendor and origin. */
export class NoAnswerError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'NoAnswerError';
  }
}

export async function sendOutbound(
  request: OutboundRequest,
  { vendor, timeoutMs }: { vendor: string; timeoutMs: number },
): Promise<OutboundReply> {
  const url = new URL(request.url);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new NoAnswerError(
      timedOut
        ? `${vendor} did not answer within ${timeoutMs / 1000} s (${url.origin})`
        : `${vendor} cannot be reached at ${url.origin}: ${describeNetworkError(error)}`,
      timedOut,
    );
  }
  const text = await response.text().catch(() => '');
  return { status: response.status, headers: response.headers, body: parseJson(text) };
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
