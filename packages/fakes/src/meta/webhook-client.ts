import { createHmac } from 'node:crypto';

/**
 * Serialises like Meta: JSON with every non-ASCII character escaped as `\uXXXX` (PROTOCOLS.md §2),
 * so a receiver that re-serialises the parsed body cannot reproduce the signature.
 */
export function metaJson(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `sha256=` + lowercase hex HMAC-SHA256 of the exact bytes, keyed with the app secret. */
export function signWebhook(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

export interface WebhookDelivery {
  status: number;
  body: string;
  latencyMs: number;
}

export interface DeliverOptions {
  /** Default `/webhooks/whatsapp`; a tenant's own app uses `/webhooks/whatsapp/<tenant id>`. */
  path?: string;
  /** Override the header (wrong, malformed); null sends none. */
  signature?: string | null;
  /** Sign with this secret instead of the client's. */
  secret?: string;
}

/** Posts webhook deliveries the way Meta does: signed bytes, `application/json`. */
export class WebhookClient {
  constructor(
    private readonly baseUrl: string,
    private readonly appSecret: string,
  ) {}

  /** Sends a payload object (serialised like Meta) or exact bytes. */
  async deliver(payload: unknown, options: DeliverOptions = {}): Promise<WebhookDelivery> {
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : metaJson(payload);
    const signature =
      options.signature === undefined
        ? signWebhook(body, options.secret ?? this.appSecret)
        : options.signature;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (signature !== null) headers['X-Hub-Signature-256'] = signature;
    const started = performance.now();
    const response = await fetch(
      `${this.baseUrl.replace(/\/$/, '')}${options.path ?? '/webhooks/whatsapp'}`,
      {
        method: 'POST',
        headers,
        body,
      },
    );
    const text = await response.text();
    return { status: response.status, body: text, latencyMs: performance.now() - started };
  }

  /** The GET verification handshake Meta makes when the callback URL is saved. */
  async verify(
    verifyToken: string,
    challenge: string,
    path = '/webhooks/whatsapp',
  ): Promise<{ status: number; body: string }> {
    const query = new URLSearchParams({
      'hub.mode': 'subscribe',
      'hub.challenge': challenge,
      'hub.verify_token': verifyToken,
    });
    const response = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}?${query.toString()}`);
    return { status: response.status, body: await response.text() };
  }
}
