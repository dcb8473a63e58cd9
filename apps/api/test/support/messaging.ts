import {
  contact,
  envelope,
  FakeServer,
  GeminiFake,
  inbound,
  messagesChange,
  WebhookClient,
  type ContactSpec,
  type FakeResponse,
} from '@parley/fakes';
import { randomBytes, randomUUID } from 'node:crypto';
import { LeadsService } from '../../src/modules/crm/leads.service';
import { createTenant, createWhatsAppConfig, TestTenant } from './fixtures';
import { TestApp } from './test-app';
import { waitFor } from './wait';

export const APP_SECRET = 'test-app-secret-0123456789';
export const VERIFY_TOKEN = 'platform-verify-token';

export interface GraphSend {
  /** E.164 phone number; absent when sending to a business-scoped user id (`recipient`). */
  to?: string;
  recipient?: string;
  type: string;
  text?: { body: string };
  image?: { link: string };
  template?: { name: string };
}

/**
 * A tiny stand-in for Meta's Graph `/{phone_number_id}/messages`, answering with Meta's documented
 * success body and, through FakeServer failure rules, its error bodies. (To be replaced by the
 * whatsapp module's Graph fake.)
 */
export class MiniGraph {
  readonly server = new FakeServer('graph-mini');
  /** wamids to hand out next, before random ones (a status may be delivered before the answer). */
  readonly nextIds: string[] = [];
  private sendFailures: { phoneNumberId: string; response: FakeResponse; remaining: number }[] = [];

  constructor() {
    this.server.route('POST', '/:version/:phoneNumberId/messages', (req) => {
      const body = req.body as { to?: string; status?: string };
      if (body.status === 'read') return { status: 200, body: { success: true } };
      const failure = this.sendFailures.find(
        (f) => f.phoneNumberId === req.params.phoneNumberId && f.remaining > 0,
      );
      if (failure) {
        failure.remaining -= 1;
        return failure.response;
      }
      const id = this.nextIds.shift() ?? `wamid.out${randomBytes(12).toString('hex')}`;
      return {
        status: 200,
        body: {
          messaging_product: 'whatsapp',
          contacts: [{ input: body.to, wa_id: body.to }],
          messages: [{ id }],
        },
      };
    });
  }

  /** Answers the number's next `times` sends (not read receipts) with `response` (default: until cleared). */
  failSends(phoneNumberId: string, response: FakeResponse, times = Infinity): void {
    this.sendFailures.push({ phoneNumberId, response, remaining: times });
  }

  clearFailures(): void {
    this.sendFailures = [];
    this.server.clearFailures();
  }

  /** Read receipts (with typing indicator) sent for the number. */
  reads(phoneNumberId: string): Record<string, unknown>[] {
    return this.server
      .requests({ method: 'POST', path: `/v25.0/${phoneNumberId}/messages` })
      .map((r) => r.body as Record<string, unknown>)
      .filter((b) => b.status === 'read');
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  /** Sends (not read receipts) made for one business number, in order. */
  sends(phoneNumberId: string): GraphSend[] {
    return this.server
      .requests({ method: 'POST', path: `/v25.0/${phoneNumberId}/messages` })
      .map((r) => r.body as GraphSend & { status?: string })
      .filter((b) => b.status !== 'read');
  }
}

/** Meta's sync error body (PROTOCOLS.md §4.5). */
export function graphError(code: number, message: string, httpStatus = 400) {
  return {
    status: httpStatus,
    body: {
      error: {
        message: `(#${code}) ${message}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: message },
        fbtrace_id: 'AbCdEf123',
      },
    },
  };
}

/**
 * The pipeline's environment: Graph at `graph`, and the chat engine's LLM at the Gemini fake
 * (deterministic answers: `You asked: "<text>". (for <lead name>)`).
 */
export function messagingEnv(
  graph: { url: string },
  gemini: GeminiFake,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    GEMINI_API_BASE_URL: gemini.url,
    GEMINI_API_KEY: 'platform-gemini-key',
    GEMINI_TIMEOUT_MS: '3000',
    GEMINI_RETRY_MAX_DELAY_MS: '300',
    FB_APP_SECRET: APP_SECRET,
    WHATSAPP_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
    GRAPH_API_BASE_URL: graph.url,
    GRAPH_API_VERSION: 'v25.0',
    MESSAGING_RETRY_LIMIT: '2',
    MESSAGING_RETRY_DELAY: '1s',
    // Meta's pair limit allows bursts of up to 45 to one user; the ordering test sends 16.
    WHATSAPP_PAIR_BURST: '45',
    ...extra,
  };
}

export interface WaTenant extends TestTenant {
  phoneNumberId: string;
}

export const WELCOME = 'Welcome to Acme! Ask me anything.';
export const LOGO = 'https://example.com/acme-logo.png';

/** The chat engine's texts the pipeline tests see (defaults of modules/chat/engine/bot-texts.ts). */
export const ASK_NAME = "Before we start, what's your full name?";
export const UNSUPPORTED = 'Sorry, I can only read text messages for now.';
export const greetKnown = (firstName: string) => `Welcome back, ${firstName}! How can I help you today?`;
/** The Gemini fake's answer (naming the lead when the engine knows their name). */
export const llmAnswer = (text: string, leadName?: string) =>
  `You asked: "${text}".${leadName ? ` (for ${leadName})` : ''}`;

/** A tenant on the local CRM with a welcome text, a logo and an active WhatsApp number. */
export async function waTenant(t: TestApp, config: Record<string, unknown> = {}): Promise<WaTenant> {
  const tenant = await createTenant(t, {
    crm: 'local',
    default_country: 'IN',
    branding: { welcome_message: WELCOME, logo_url: LOGO },
  });
  const phoneNumberId = `1${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 1e6)}`;
  await createWhatsAppConfig(t, tenant, { phone_number_id: phoneNumberId, ...config });
  return { ...tenant, phoneNumberId };
}

let phoneCounter = 0;
/** A WhatsApp user with a fresh Indian number. */
export function waUser(name = 'Asha'): ContactSpec & { waId: string } {
  phoneCounter += 1;
  return { waId: `9198${String(Date.now()).slice(-5)}${String(phoneCounter).padStart(3, '0')}`, name };
}

/**
 * A WhatsApp user the tenant's local CRM already knows as `name`: their first message gets the
 * welcome text, the logo and a greeting by first name; every later text one LLM answer.
 */
export async function knownUser(
  t: TestApp,
  tenant: TestTenant,
  name = 'Asha Rao',
): Promise<ContactSpec & { waId: string; leadName: string }> {
  const user = waUser(name.split(' ')[0]);
  await t.app.get(LeadsService).captureLead(tenant.id, { phone: user.waId, name });
  return { ...user, leadName: name };
}

export function textDelivery(
  phoneNumberId: string,
  user: ContactSpec,
  body: string,
  extra: { id?: string; timestamp?: number } = {},
) {
  return envelope({
    changes: [
      messagesChange({ phoneNumberId, contacts: [user], messages: [inbound.text(user, body, extra)] }),
    ],
  });
}

export function client(t: TestApp): WebhookClient {
  return new WebhookClient(appUrl(t), APP_SECRET);
}

export function appUrl(t: TestApp): string {
  const address = t.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

export interface MessageRowView {
  id: string;
  direction: string;
  type: string;
  text: string | null;
  status: string;
  wamid: string | null;
  error: { code: number | null; title: string } | null;
  idempotency_key: string | null;
  conversation_id: string | null;
  contact_key: string;
  in_reply_to: string | null;
}

export async function messagesOf(
  t: TestApp,
  tenantId: string,
  contactKey?: string,
): Promise<MessageRowView[]> {
  return t.dataSource.query(
    `SELECT id, direction, type, text, status, wamid, error, idempotency_key, conversation_id, contact_key, in_reply_to
     FROM messages WHERE tenant_id = $1 AND ($2::text IS NULL OR contact_key = $2 OR conversation_id IN
       (SELECT cv.id FROM conversations cv JOIN contacts c ON c.id = cv.contact_id WHERE c.contact_key = $2))
     ORDER BY created_at, meta_timestamp NULLS LAST, reply_index NULLS FIRST, id`,
    [tenantId, contactKey ?? null],
  );
}

/** Waits until every inbound message of the tenant is handled and no outbound is still queued. */
export async function waitIdle(t: TestApp, tenantId: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(async () => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1
         AND ((direction = 'inbound' AND status IN ('received', 'processing')) OR (direction = 'outbound' AND status = 'queued'))`,
      [tenantId],
    );
    return rows[0].n === 0;
  }, timeoutMs);
}

export { contact, randomUUID };
