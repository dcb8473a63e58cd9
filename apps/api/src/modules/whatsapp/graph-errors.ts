import { retryAfterMs, type OutboundReply } from '../../common/http/outbound-http';
import type { SendError } from './message-sender.port';

/** What the Graph API answered (or null body when it was not JSON). */
export type GraphReply = OutboundReply;

/** Meta's documented Graph error body: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_data?: { messaging_product?: string; details?: string };
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

export const GRAPH_CODES = {
  throughput: 130429,
  pairRate: 131056,
  windowClosed: 131047,
  tokenExpired: 190,
  notAuthenticated: 0,
} as const;

/** A Graph call (`GraphApiClient.call`) that did not succeed: Meta's own error, or no answer. */
export class GraphCallError extends Error {
  constructor(
    message: string,
    /** HTTP status Meta answered with; 0 when Meta could not be reached or timed out. */
    readonly httpStatus: number,
    readonly code: number | null = null,
    readonly subcode: number | null = null,
  ) {
    super(message);
    this.name = 'GraphCallError';
  }

  /** Meta is down or unreachable (not a refusal of what we sent). */
  get unavailable(): boolean {
    return this.httpStatus === 0 || this.httpStatus >= 500;
  }

  /** The token itself is bad: expired, revoked, or never was one (Graph codes 190 and 0). */
  get tokenInvalid(): boolean {
    return (
      this.code === GRAPH_CODES.tokenExpired ||
      (this.code === GRAPH_CODES.notAuthenticated && this.httpStatus === 401)
    );
  }
}

/** Throttling or transient codes worth a retry besides the two rate limits (error-codes page). */
const TRANSIENT_CODES = new Set([
  1, // unknown API error, "retry later"
  2, // service temporarily unavailable
  4, // app-level rate limit
  80007, // WABA rate limit
  131016, // service unavailable
  131057, // account in maintenance (throughput upgrade, up to a minute)
]);

export type Classification =
  | { kind: 'sent'; wamid: string }
  /** `scope` says which pacing bucket Meta complained about, when it did. */
  | {
      kind: 'retry';
      scope: 'number' | 'recipient' | null;
      error: SendError;
      retryAfterHeaderMs: number | null;
    }
  | { kind: 'auth' | 'window_closed' | 'rejected'; error: SendError };

/**
 * Maps an answer of `POST /{phone_number_id}/messages` to what the pipeline does next. Logic is
 * built on Meta's `error.code` (as its error-codes page asks), the HTTP status only where there is
 * no Graph error body (proxies, gateways).
 */
export function classifyReply(reply: GraphReply): Classification {
  const graph = graphErrorOf(reply.body);
  if (reply.status >= 200 && reply.status < 300 && !graph) {
    const wamid = wamidOf(reply.body);
    if (wamid) return { kind: 'sent', wamid };
    return {
      kind: 'rejected',
      error: {
        code: null,
        title: 'Meta accepted the message without a message id',
        detail: null,
        httpStatus: reply.status,
      },
    };
  }
  const error = sendErrorOf(reply, graph);
  const retry = (scope: 'number' | 'recipient' | null): Classification => ({
    kind: 'retry',
    scope,
    error,
    retryAfterHeaderMs: retryAfterMs(reply.headers),
  });
  const code = graph?.code;
  if (code === GRAPH_CODES.throughput) return retry('number');
  if (code === GRAPH_CODES.pairRate) return retry('recipient');
  if (code === GRAPH_CODES.tokenExpired || code === GRAPH_CODES.notAuthenticated)
    return { kind: 'auth', error };
  if (code === GRAPH_CODES.windowClosed) return { kind: 'window_closed', error };
  if (code !== undefined && (TRANSIENT_CODES.has(code) || graph?.is_transient === true)) return retry(null);
  if (reply.status === 429) return retry(code === undefined ? 'number' : null);
  if (reply.status >= 500) return retry(null);
  return { kind: 'rejected', error };
}

/** A failure to reach Meta at all (DNS, refused, reset, timeout): always worth a retry. */
export function networkError(message: string): SendError {
  return { code: null, title: 'Meta cannot be reached', detail: message, httpStatus: null };
}

export function graphErrorOf(body: unknown): GraphErrorBody | null {
  if (!body || typeof body !== 'object') return null;
  const error = (body as { error?: unknown }).error;
  return error && typeof error === 'object' ? error : null;
}

function sendErrorOf(reply: GraphReply, graph: GraphErrorBody | null): SendError {
  if (!graph) {
    return {
      code: reply.status,
      title: `HTTP ${reply.status} without a Graph error body`,
      detail: null,
      httpStatus: reply.status,
    };
  }
  return {
    code: typeof graph.code === 'number' ? graph.code : reply.status,
    title: graph.message ?? graph.error_user_title ?? `Graph error ${graph.code}`,
    detail: graph.error_data?.details ?? graph.error_user_msg ?? null,
    httpStatus: reply.status,
  };
}

function wamidOf(body: unknown): string | null {
  const messages = (body as { messages?: { id?: unknown }[] } | null)?.messages;
  const id = Array.isArray(messages) ? messages[0]?.id : undefined;
  return typeof id === 'string' && id ? id : null;
}
