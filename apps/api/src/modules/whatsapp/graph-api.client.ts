import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { GraphReply } from './graph-errors';

/** Meta could not be reached or did not answer in time; nothing is known about the message. */
export class GraphUnreachableError extends Error {}

/**
 * The only way Parley calls Meta's Graph API for messages: `{GRAPH_API_BASE_URL}/{version}/...`
 * with the tenant's token as a bearer header and a timeout on every call. It never logs URLs,
 * headers or bodies (the token and the users' messages are in them).
 */
@Injectable()
export class GraphApiClient {
  private readonly baseUrl: string;
  private readonly version: string;
  private readonly timeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.baseUrl = config.graph.baseUrl.replace(/\/+$/, '');
    this.version = config.graph.version;
    this.timeoutMs = config.graph.timeoutSeconds * 1000;
  }

  /** `POST /{phone_number_id}/messages`: sends, marks read, shows the typing indicator. */
  postMessages(phoneNumberId: string, accessToken: string, body: unknown): Promise<GraphReply> {
    return this.post(`${encodeURIComponent(phoneNumberId)}/messages`, accessToken, body);
  }

  private async post(path: string, accessToken: string, body: unknown): Promise<GraphReply> {
    const url = `${this.baseUrl}/${this.version}/${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${accessToken}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new GraphUnreachableError(
        timedOut
          ? `Meta did not answer within ${this.timeoutMs / 1000} s (${new URL(url).origin})`
          : `Meta cannot be reached at ${new URL(url).origin}: ${describeNetworkError(error)}`,
      );
    }
    const text = await response.text().catch(() => '');
    return { status: response.status, headers: response.headers, body: parseJson(text) };
  }
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
