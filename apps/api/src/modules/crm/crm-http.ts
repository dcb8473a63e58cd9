import { Inject, Injectable } from '@nestjs/common';
import type { CrmKind } from '@parley/shared-types';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import {
  NoAnswerError,
  retryAfterMs,
  sendOutbound,
  type OutboundReply,
} from '../../common/http/outbound-http';
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

export type CrmHttpResponse = OutboundReply;
export { retryAfterMs };

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
    const labels = { provider: request.provider, operation: request.operation };
    const end = this.metrics.crmDuration.startTimer(labels);
    let reply: CrmHttpResponse;
    try {
      reply = await sendOutbound(request, {
        vendor: vendorName(request.provider),
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      end();
      if (!(error instanceof NoAnswerError)) throw error;
      this.metrics.crmCalls.inc({ ...labels, result: 'unavailable' });
      throw crmErrors.unavailable(request.provider, error.message);
    }
    end();
    this.metrics.crmCalls.inc({ ...labels, result: resultOf(reply.status) });
    if (reply.status >= 300 && reply.status < 400) {
      const url = new URL(request.url);
      throw crmErrors.unavailable(
        request.provider,
        `${vendorName(request.provider)} answered ${url.origin}${url.pathname} with a redirect (HTTP ${reply.status}): check the URL`,
      );
    }
    return reply;
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
