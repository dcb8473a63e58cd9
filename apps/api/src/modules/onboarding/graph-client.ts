import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';

/** A Graph call that did not succeed: Meta's own error, or no usable answer at all. */
export class GraphError extends Error {
  constructor(
    message: string,
    /** HTTP status Meta answered with; 0 when Meta could not be reached or timed out. */
    readonly httpStatus: number,
    readonly code: number | null = null,
    readonly subcode: number | null = null,
  ) {
    super(message);
    this.name = 'GraphError';
  }

  /** Meta is down or unreachable (not a refusal of what we sent). */
  get unavailable(): boolean {
    return this.httpStatus === 0 || this.httpStatus >= 500;
  }

  /** The token itself is bad: expired, revoked, or never was one (Graph codes 190 and 0). */
  get tokenInvalid(): boolean {
    return this.code === 190 || (this.code === 0 && this.httpStatus === 401);
  }
}

interface GraphErrorBody {
  error?: { message?: string; code?: number; error_subcode?: number; type?: string };
}

export interface GraphRequest {
  method: 'GET' | 'POST';
  /** Path after the version, e.g. `/12345/subscribed_apps`. */
  path: string;
  /** Bearer token; never logged. */
  token?: string;
  query?: Record<string, string>;
  json?: unknown;
}

/**
 * The few Graph API calls onboarding and the credential check make, on the configured Graph
 * address and version. Tokens travel only in the Authorization header (or, for the code
 * exchange, the query Meta asks for); nothing here logs a URL, header or body.
 */
@Injectable()
export class GraphClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get version(): string {
    return this.config.graph.version;
  }

  async call<T>(request: GraphRequest): Promise<T> {
    const base = this.config.graph.baseUrl.replace(/\/+$/, '');
    const url = new URL(`${base}/${this.version}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.token) headers.Authorization = `Bearer ${request.token}`;
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const timeoutMs = this.config.graph.timeoutSeconds * 1000;
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
      throw new GraphError(
        timedOut
          ? `Meta's Graph API did not answer within ${timeoutMs / 1000} s`
          : `Meta's Graph API cannot be reached at ${url.origin}`,
        0,
      );
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (response.status >= 200 && response.status < 300 && parsed !== null) return parsed as T;
    const error = (parsed as GraphErrorBody | null)?.error;
    if (error?.message) {
      throw new GraphError(
        error.message,
        response.status >= 200 && response.status < 300 ? 400 : response.status,
        typeof error.code === 'number' ? error.code : null,
        typeof error.error_subcode === 'number' ? error.error_subcode : null,
      );
    }
    throw new GraphError(
      `Meta's Graph API answered HTTP ${response.status} without a readable body`,
      response.status >= 200 && response.status < 300 ? 502 : response.status,
    );
  }
}
