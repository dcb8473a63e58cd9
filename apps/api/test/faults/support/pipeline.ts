import { FakeServer } from '@parley/fakes';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../../support/process';
import { call, expectStatus, FaultTenant, sleep } from './client';

/**
 * The webhook pipeline's contract as the fault suite uses it (issue 4): Meta POSTs signed
 * deliveries to `/webhooks/whatsapp` (X-Hub-Signature-256 = HMAC-SHA256 of the raw body with
 * FB_APP_SECRET), replies leave through `POST {GRAPH_API_BASE_URL}/{version}/{phone_number_id}/messages`.
 */
export const PIPELINE_BUILT = existsSync(join(DIST, 'modules/webhook/webhook.controller.js'));
export const APP_SECRET = 'fault-app-secret-0123456789abcdef';
export const GRAPH_VERSION = 'v25.0';

export function pipelineEnv(graph: GraphFake, extra: Record<string, string> = {}): Record<string, string> {
  return {
    FB_APP_SECRET: APP_SECRET,
    WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'fault-verify-token',
    GRAPH_API_BASE_URL: graph.url,
    GRAPH_API_VERSION: GRAPH_VERSION,
    ...extra,
  };
}

interface Send {
  to: string;
  type: string;
  body: Record<string, unknown>;
}

/**
 * Meta's Graph `/{phone_number_id}/messages` with its documented success body. Failure rules
 * (FakeServer) answer before the route, so `sends()` holds only the messages Graph accepted, i.e.
 * what people received, in arrival order.
 */
export class GraphFake extends FakeServer {
  private readonly accepted: Send[] = [];
  private readonly refused: Send[] = [];
  private holdMs = 0;
  private refuseNext: { status: number; body: unknown; holdMs: number } | null = null;

  constructor() {
    super('graph-faults');
    this.route('POST', '/:version/:phoneNumberId/messages', async (req) => {
      const body = req.body as Send & { status?: string };
      if (body.status === 'read' || (body as { typing_indicator?: unknown }).typing_indicator)
        return { status: 200, body: { success: true } };
      const refusal = this.refuseNext;
      if (refusal) {
        this.refuseNext = null;
        this.refused.push({ to: body.to, type: body.type, body: body as unknown as Record<string, unknown> });
        await new Promise((r) => setTimeout(r, refusal.holdMs));
        return { status: refusal.status, body: refusal.body };
      }
      // Accepted on arrival, as Meta does: a sender that dies before the answer still sent it.
      this.accepted.push({ to: body.to, type: body.type, body: body as unknown as Record<string, unknown> });
      const hold = this.holdMs;
      this.holdMs = 0;
      if (hold) await new Promise((r) => setTimeout(r, hold));
      return {
        status: 200,
        body: {
          messaging_product: 'whatsapp',
          contacts: [{ input: body.to, wa_id: body.to }],
          messages: [{ id: `wamid.out${randomBytes(12).toString('hex')}` }],
        },
      };
    });
  }

  /** The next message send (not a read receipt) is refused with `response`, answered after `holdMs`. */
  refuseNextSend(response: { status: number; body: unknown }, holdMs: number): void {
    this.refuseNext = { ...response, holdMs };
  }

  /** The next accepted send is answered only after `ms`. */
  holdNextAnswer(ms: number): void {
    this.holdMs = ms;
  }

  sends(): Send[] {
    return [...this.accepted];
  }

  sendsTo(waId: string): Send[] {
    return this.accepted.filter((s) => String(s.to).replace(/\D/g, '') === waId);
  }

  /** Requests to `waId` refused by a failure rule (Graph errors the sender must retry). */
  refusedTo(waId: string): number {
    const all = this.requests({ method: 'POST', path: /\/messages$/ }).filter(
      (r) =>
        String((r.body as { to?: string; status?: string }).to ?? '').replace(/\D/g, '') === waId &&
        !(r.body as { status?: string }).status,
    );
    return all.length - this.sendsTo(waId).length;
  }
}

/** Meta's sync error body (PROTOCOLS.md 4.5). */
export function graphError(httpStatus: number, code: number, message: string) {
  return {
    status: httpStatus,
    body: {
      error: {
        message: `(#${code}) ${message}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: message },
        fbtrace_id: `A${randomBytes(8).toString('hex')}`,
      },
    },
  };
}

let counter = 0;
export function waId(): string {
  counter += 1;
  // 12 digits, unique within a run: 91 + 7 + two digits of the pid + a 7-digit counter.
  return `917${String(process.pid % 100).padStart(2, '0')}${String(counter).padStart(7, '0')}`;
}

export function wamid(): string {
  return `wamid.HBgM${randomBytes(18).toString('base64url')}`;
}

/** One inbound text message as Meta delivers it (PROTOCOLS.md 3.1, 3.2). */
export function textDelivery(phoneNumberId: string, from: string, id: string, text: string): string {
  return delivery(phoneNumberId, from, id, { type: 'text', text: { body: text } });
}

/** One inbound image message (PROTOCOLS.md 3.2): no text for the bot to read. */
export function imageDelivery(phoneNumberId: string, from: string, id: string): string {
  return delivery(phoneNumberId, from, id, {
    type: 'image',
    image: {
      id: '1479537139650973',
      mime_type: 'image/jpeg',
      sha256: 'HgAc3kVb2pEo/4oRe1F1hBT9XFcJbQ2g0hHCOb2VUz8=',
    },
  });
}

function delivery(phoneNumberId: string, from: string, id: string, message: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Fault User' }, wa_id: from }],
              messages: [
                {
                  from,
                  id,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  ...message,
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/** POSTs a delivery signed as Meta signs it; resolves to the outcome (status or network error). */
export function deliver(apiUrl: string, raw: string, timeoutMs = 15_000) {
  const signature = createHmac('sha256', APP_SECRET).update(raw).digest('hex');
  return call(apiUrl, 'POST', '/webhooks/whatsapp', {
    raw,
    timeoutMs,
    headers: { 'x-hub-signature-256': `sha256=${signature}` },
  });
}

/** Gives the tenant an active WhatsApp number; returns its phone_number_id. */
export async function connectNumber(apiUrl: string, tenant: FaultTenant): Promise<string> {
  const phoneNumberId = `1${String(Date.now()).slice(-9)}${Math.floor(Math.random() * 1e5)}`;
  await expectStatus(201, apiUrl, 'POST', '/api/v1/tenant/config', {
    token: tenant.token,
    body: {
      phone_number_id: phoneNumberId,
      access_token: `EAAG${randomBytes(24).toString('hex')}`,
      onboarding_completed: true,
    },
  });
  return phoneNumberId;
}

/** Waits until the number of sends to `to` has stopped changing for `quietMs`, and returns them. */
export async function settledSendsTo(
  graph: GraphFake,
  to: string,
  atLeast: number,
  timeoutMs = 30_000,
  quietMs = 2500,
) {
  const started = Date.now();
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = graph.sendsTo(to).length;
    if (n !== last) {
      last = n;
      since = Date.now();
    }
    if (n >= atLeast && Date.now() - since >= quietMs) return graph.sendsTo(to);
    if (Date.now() - started > timeoutMs) return graph.sendsTo(to);
    await sleep(100);
  }
}

/** The text of each send, in the order Graph received them (what the person sees). */
export function transcript(sends: { type: string; body: Record<string, unknown> }[]): string[] {
  return sends.map((s) => `${s.type}:${JSON.stringify(s.body[s.type] ?? null)}`);
}
