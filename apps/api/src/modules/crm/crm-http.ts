import { Inject, Injectable } from '@nestjs/common';
import type { CrmKind } from '@parley/shared-types';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Metrics } from '../metrics/metrics.service';
import { crmErrors } from './crm-errors';

export type CrmOperation = 'token' | 'search' | 'create' | 'test';

export interface CrmHttpRequest {
  provider: CrmKind;
  operation: CrmOperation;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
}

export interface CrmHttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty or non-JSON body. */
  body: unknown;
}

/**
 * The one way CRM adapters reach their vendor: a timeout on every call, each call counted and
 * timed in the metrics (by provider, operation and outcome), and a network failure turned into
 * `unavailable`. It never logs URLs with query strings, headers or bodies.
 */
@Injectable()
export class CrmHttp {
  private readonly timeoutMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.timeoutMs = config.crm.timeoutSeconds * 1000;
  }

  async send(request: CrmHttpRequest): Promise<CrmHttpResponse> {
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
    const labels = { provider: request.provider, operation: request.operation };
    const end = this.metrics.crmDuration.startTimer(labels);
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      end();
      this.metrics.crmCalls.inc({ ...labels, result: 'unavailable' });
      const timedOut = (error as Error).name === 'TimeoutError';
      throw crmErrors.unavailable(
        request.provider,
        timedOut
          ? `${vendorName(request.provider)} did not answer within ${this.timeoutMs / 1000} s (${url.origin})`
          : `${vendorName(request.provider)} cannot be reached at ${url.origin}: ${describeNetworkError(error)}`,
      );
    }
    const text = await response.text().catch(() => '');
    end();
    this.metrics.crmCalls.inc({ ...labels, result: resultOf(response.status) });
    if (response.status >= 300 && response.status < 400) {
      throw crmErrors.unavailable(
        request.provider,
        `${vendorName(request.provider)} answered ${url.origin}${url.pathname} with a redirect (HTTP ${response.status}): check the URL`,
      );
    }
    return { status: response.status, headers: response.headers, body: parseJson(text) };
  }
}

export function vendorName(provider: CrmKind): string {
  return provider === 'zoho' ? 'Zoho CRM' : provider === 'hubspot' ? 'HubSpot' : "Parley's lead list";
}

function resultOf(status: number): string {
  if (status === 204) return 'empty';
  if (status >= 300 && status < 400) return 'redirected';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return 'auth_failed';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'rejected';
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

/** Retry-After in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
