import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { NoAnswerError, sendOutbound } from '../../common/http/outbound-http';
import { GraphCallError, graphErrorOf, type GraphReply } from './graph-errors';

/** Meta could not be reached or did not answer in time; nothing is known about the message. */
export class GraphUnreachableError extends Error {}

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
 * The only way Parley calls Meta's Graph API: `{GRAPH_API_BASE_URL}/{version}/...` with the
 * tenant's token as a bearer header and a timeout on every call. Sending (`postMessages`) gets
 * the raw reply to classify; onboarding and the credential check use `call`, which throws
 * GraphCallError on anything but a 2xx JSON body. It never logs URLs, headers or bodies (the
 * token and the users' messages are in them).
 */
@Injectable()
export class GraphApiClient {
  private readonly baseUrl: string;
  readonly version: string;
  private readonly timeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.baseUrl = config.graph.baseUrl.replace(/\/+$/, '');
    this.version = config.graph.version;
    this.timeoutMs = config.graph.timeoutSeconds * 1000;
  }

  /** `POST /{phone_number_id}/messages`: sends, marks read, shows the typing indicator. */
  postMessages(phoneNumberId: string, accessToken: string, body: unknown): Promise<GraphReply> {
    return this.request({
      method: 'POST',
      path: `/${encodeURIComponent(phoneNumberId)}/messages`,
      token: accessToken,
      json: body,
    });
  }

  /** Any Graph call; throws GraphCallError with Meta's message (httpStatus 0 when unreachable). */
  async call<T>(request: GraphRequest): Promise<T> {
    let reply: GraphReply;
    try {
      reply = await this.request(request);
    } catch (error) {
      if (error instanceof GraphUnreachableError) throw new GraphCallError(error.message, 0);
      throw error;
    }
    const ok = reply.status >= 200 && reply.status < 300;
    if (ok && reply.body !== null) return reply.body as T;
    const graph = graphErrorOf(reply.body);
    if (graph?.message) {
      throw new GraphCallError(
        graph.message,
        ok ? 400 : reply.status,
        typeof graph.code === 'number' ? graph.code : null,
        typeof graph.error_subcode === 'number' ? graph.error_subcode : null,
      );
    }
    throw new GraphCallError(
      `Meta's Graph API answered HTTP ${reply.status} without a readable body`,
      ok ? 502 : reply.status,
    );
  }

  /** One HTTP exchange with Graph; throws GraphUnreachableError only when there is no answer. */
  async request(request: GraphRequest): Promise<GraphReply> {
    const headers: Record<string, string> = {};
    if (request.token) headers.Authorization = `Bearer ${request.token}`;
    try {
      return await sendOutbound(
        { ...request, url: `${this.baseUrl}/${this.version}${request.path}`, headers },
        { vendor: 'Meta', timeoutMs: this.timeoutMs },
      );
    } catch (error) {
      if (error instanceof NoAnswerError) throw new GraphUnreachableError(error.message);
      throw error;
    }
  }
}
