import { randomBytes } from 'node:crypto';
import type { FailureRule, FakeRequest, FakeResponse } from '../harness/fake-server';
import { FakeServer } from '../harness/fake-server';
import { MetaOnboardingState, registerOnboardingRoutes } from './onboarding-routes';

/**
 * Meta's Graph API for WhatsApp Cloud API messages, answering in Meta's documented formats
 * (shared/PROTOCOLS.md part 1, sections 4.1-4.5):
 *
 * - `POST /{version}/{phone_number_id}/messages` with `Authorization: Bearer <token>`: text,
 *   image, interactive (buttons, list), template and the rest; validated like Meta (missing or bad
 *   fields: 400 with a Graph error, code 100; Cloud API limits such as 3 buttons or 20-character
 *   titles: 131009). Success: `{messaging_product, contacts: [{input, wa_id}], messages: [{id}]}`
 *   (`message_status: 'accepted'` for templates). `{status: 'read', message_id, typing_indicator?}`
 *   marks a message read: `{success: true}`.
 * - Tokens: unknown or revoked → 401 Graph error 190; no token → 400 code 104; a token without
 *   access to the number → 400 code 100 (subcode 33, "does not exist ... missing permissions").
 * - Customer service window: open for everybody unless closed with `closeWindow`; then a
 *   free-form message is refused with 131047 and only templates go through.
 * - Failures: `failNext('throughput' | 'pair_rate' | ...)` in process, or over HTTP by posting
 *   `graphFailure(kind)` to the harness's `/__fake/failures`. Both match every messages call, read
 *   receipts included; `failNextSends(kind | response)` fails only sends, for callers that mark
 *   read without waiting (so a receipt cannot take the failure meant for a send).
 * - Wamids: random, or the ones queued with `nextWamids(...)` first (a status webhook may arrive
 *   before the send's answer; a test needs to know the wamid in advance).
 *
 * Extending it (the onboarding routes: `oauth/access_token`, `debug_token`, `subscribed_apps`,
 * `register`, number details): write `registerOnboardingRoutes(server: FakeServer, state:
 * GraphFakeState)` and call it with `fake` and `fake.state`. The state is shared and mutable:
 * `tokens` (token → grant), `phoneNumbers` (id → number details), `sent`, `reads`,
 * `closedWindows`, and `newId()` / `newToken()` for Meta-like ids. Use `graphError()` for error
 * bodies so every route answers in Graph's format.
 */

export interface GraphTokenGrant {
  /** The business numbers this token may send from; `'any'` for tests that do not care. */
  phoneNumberIds: Set<string> | 'any';
  revoked: boolean;
  /** Free-form facts for onboarding routes (app id, scopes, WABA ids, expiry, ...). */
  details: Record<string, unknown>;
}

export interface GraphPhoneNumber {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string;
  wabaId: string | null;
  qualityRating: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  registered: boolean;
  /** Free-form facts for onboarding routes. */
  details: Record<string, unknown>;
}

export interface GraphSentMessage {
  wamid: string;
  phoneNumberId: string;
  token: string;
  /** `to` as sent (phone number) or `recipient` (business-scoped user id). */
  to: string | null;
  recipient: string | null;
  type: string;
  /** The request body exactly as received. */
  body: Record<string, unknown>;
  at: number;
}

export interface GraphRead {
  phoneNumberId: string;
  messageId: string;
  typing: boolean;
  at: number;
}

/** Everything the fake knows; shared with routes added from outside (see the top of this file). */
export class GraphFakeState {
  readonly tokens = new Map<string, GraphTokenGrant>();
  readonly phoneNumbers = new Map<string, GraphPhoneNumber>();
  readonly sent: GraphSentMessage[] = [];
  readonly reads: GraphRead[] = [];
  /** `${phoneNumberId}|${to or recipient}` of users whose 24-hour window is closed. */
  readonly closedWindows = new Set<string>();
  /** Wamids to hand out before random ones, in order. */
  readonly queuedWamids: string[] = [];
  private counter = 0;

  /** A Meta-like numeric id (phone numbers, WABAs, apps). */
  newId(): string {
    this.counter += 1;
    return `1${Date.now().toString().slice(-9)}${String(this.counter).padStart(5, '0')}`;
  }

  /** A long-lived-looking access token (`EAAG...`). */
  newToken(): string {
    return `EAAG${randomBytes(24).toString('base64url')}`;
  }

  newWamid(): string {
    return this.queuedWamids.shift() ?? `wamid.HBgL${randomBytes(18).toString('base64url')}`;
  }
}

export type GraphFailureKind =
  'throughput' | 'pair_rate' | 'window_closed' | 'token_expired' | 'server_error' | 'service_unavailable';

/** A Graph error response: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
export function graphError(
  status: number,
  code: number,
  message: string,
  extra: { details?: string; subcode?: number; type?: string; isTransient?: boolean } = {},
): FakeResponse {
  const error: Record<string, unknown> = { message, type: extra.type ?? 'OAuthException', code };
  if (extra.details !== undefined)
    error.error_data = { messaging_product: 'whatsapp', details: extra.details };
  if (extra.subcode !== undefined) error.error_subcode = extra.subcode;
  if (extra.isTransient !== undefined) error.is_transient = extra.isTransient;
  error.fbtrace_id = randomBytes(12).toString('base64url');
  return { status, body: { error } };
}

const FAILURES: Record<GraphFailureKind, () => FakeResponse> = {
  throughput: () =>
    graphError(429, 130429, '(#130429) Rate limit hit', {
      details:
        'Message failed to send because there were too many messages sent from this phone number in a short period of time',
    }),
  pair_rate: () =>
    graphError(429, 131056, '(#131056) (Business Account, Consumer Account) pair rate limit hit', {
      details:
        'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time',
    }),
  window_closed: () =>
    graphError(400, 131047, '(#131047) Re-engagement message', {
      details:
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    }),
  token_expired: () =>
    graphError(401, 190, 'Error validating access token: Session has expired.', { subcode: 463 }),
  server_error: () =>
    graphError(500, 2, 'An unexpected error has occurred. Please retry your request later.', {
      isTransient: true,
    }),
  service_unavailable: () =>
    graphError(503, 131016, '(#131016) Service unavailable', {
      details:
        'A service is temporarily unavailable. Please check the WhatsApp Business Platform status page.',
    }),
};

/**
 * A harness failure rule answering like Meta does for `kind`, for messages sends (of one number
 * when given). Post it to `/__fake/failures` to configure a fake in another process.
 */
export function graphFailure(
  kind: GraphFailureKind,
  options: { times?: number; phoneNumberId?: string; retryAfterSeconds?: number } = {},
): FailureRule {
  const response = FAILURES[kind]();
  if (options.retryAfterSeconds !== undefined)
    response.headers = { 'retry-after': String(options.retryAfterSeconds) };
  const number = options.phoneNumberId ? escapeRegExp(options.phoneNumberId) : '[^/]+';
  return { method: 'POST', path: `/^\\/v[^/]+\\/${number}\\/messages$/`, times: options.times, response };
}

const MESSAGE_TYPES = [
  'audio',
  'contacts',
  'document',
  'image',
  'interactive',
  'location',
  'reaction',
  'sticker',
  'template',
  'text',
  'video',
] as const;
const FREE_FORM_EXEMPT = new Set(['template']);

interface SendFailure {
  phoneNumberId?: string;
  response: FakeResponse;
  remaining: number;
}

export class GraphFake extends FakeServer {
  readonly state = new GraphFakeState();
  private sendFailures: SendFailure[] = [];
  /** Embedded Signup's side of Graph (code exchange, debug_token, subscribe, register, number details). */
  readonly onboarding = new MetaOnboardingState(this.state);

  constructor() {
    super('meta');
    this.route('POST', '/:version/:phoneNumberId/messages', (req) => this.messages(req));
    registerOnboardingRoutes(this, this.onboarding);
  }

  /** A fake with one number and one token, for `pnpm fakes` demos. */
  static withDemoNumber(): GraphFake {
    const fake = new GraphFake();
    fake.addPhoneNumber('106540352242922', { displayPhoneNumber: '+1 555-078-3881' });
    fake.addToken('EAAG-demo-access-token', ['106540352242922']);
    return fake;
  }

  /** Registers a token that may send from these numbers (default: from any number). */
  addToken(token: string, phoneNumberIds?: string[]): string {
    this.state.tokens.set(token, {
      phoneNumberIds: phoneNumberIds ? new Set(phoneNumberIds) : 'any',
      revoked: false,
      details: {},
    });
    return token;
  }

  /** A new token that may send from these numbers (default: from any number). */
  issueToken(phoneNumberIds?: string[]): string {
    return this.addToken(this.state.newToken(), phoneNumberIds);
  }

  /** The token stops working (the user changed their password, the app was removed, ...). */
  revokeToken(token: string): void {
    const grant = this.state.tokens.get(token);
    if (grant) grant.revoked = true;
  }

  addPhoneNumber(id: string, details: Partial<Omit<GraphPhoneNumber, 'id'>> = {}): GraphPhoneNumber {
    const number: GraphPhoneNumber = {
      id,
      displayPhoneNumber: details.displayPhoneNumber ?? '+1 555-000-0000',
      verifiedName: details.verifiedName ?? 'Parley Test',
      wabaId: details.wabaId ?? null,
      qualityRating: details.qualityRating ?? 'GREEN',
      registered: details.registered ?? true,
      details: details.details ?? {},
    };
    this.state.phoneNumbers.set(id, number);
    return number;
  }

  /** The user's 24-hour window is over: free-form messages get 131047 until `openWindow`. */
  closeWindow(phoneNumberId: string, to: string): void {
    this.state.closedWindows.add(windowKey(phoneNumberId, to));
  }

  openWindow(phoneNumberId: string, to: string): void {
    this.state.closedWindows.delete(windowKey(phoneNumberId, to));
  }

  /** The next `times` sends (default 1) fail the way Meta fails for `kind`. */
  failNext(
    kind: GraphFailureKind,
    options: { times?: number; phoneNumberId?: string; retryAfterSeconds?: number } = {},
  ): void {
    this.fail(graphFailure(kind, { times: 1, ...options }));
  }

  /**
   * The next `times` sends (default 1; not read receipts) fail the way Meta fails for `kind`, or
   * with `response` verbatim (a proxy's bare 503, an HTTP 429 without a WhatsApp code, ...).
   */
  failNextSends(
    failure: GraphFailureKind | FakeResponse,
    options: { times?: number; phoneNumberId?: string; retryAfterSeconds?: number } = {},
  ): void {
    const response = typeof failure === 'string' ? FAILURES[failure]() : { ...failure };
    if (options.retryAfterSeconds !== undefined)
      response.headers = { ...response.headers, 'retry-after': String(options.retryAfterSeconds) };
    this.sendFailures.push({ phoneNumberId: options.phoneNumberId, response, remaining: options.times ?? 1 });
  }

  /** The next sends are answered with these wamids, in order (then random ones again). */
  nextWamids(...wamids: string[]): void {
    this.state.queuedWamids.push(...wamids);
  }

  override clearFailures(): void {
    super.clearFailures();
    this.sendFailures = [];
  }

  /** Send requests (not read receipts) as received, accepted or not, optionally from one number. */
  sendAttempts(phoneNumberId?: string): Record<string, unknown>[] {
    return this.requests({ method: 'POST' })
      .filter((r) => {
        const match = /^\/v[^/]+\/([^/]+)\/messages$/.exec(r.path);
        return match && (!phoneNumberId || match[1] === phoneNumberId);
      })
      .map((r) => r.body as Record<string, unknown>)
      .filter((b) => b?.status === undefined);
  }

  /** Messages accepted, optionally from one number. */
  sentMessages(phoneNumberId?: string): GraphSentMessage[] {
    return this.state.sent.filter((m) => !phoneNumberId || m.phoneNumberId === phoneNumberId);
  }

  private messages(req: FakeRequest): FakeResponse {
    const phoneNumberId = req.params.phoneNumberId;
    const auth = this.authorise(req, phoneNumberId);
    if (typeof auth !== 'string') return auth;
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
      return invalid('(#100) The parameter messaging_product is required.');
    }
    const body = req.body as Record<string, unknown>;
    if (body.messaging_product !== 'whatsapp') {
      return body.messaging_product === undefined
        ? invalid('(#100) The parameter messaging_product is required.')
        : invalid(
            '(#100) Param messaging_product must be one of {WHATSAPP} - got "' +
              show(body.messaging_product) +
              '".',
          );
    }
    if (body.status !== undefined) return this.markRead(phoneNumberId, body);
    const failure = this.sendFailures.find(
      (f) => f.remaining > 0 && (!f.phoneNumberId || f.phoneNumberId === phoneNumberId),
    );
    if (failure) {
      failure.remaining -= 1;
      return failure.response;
    }

    const to = typeof body.to === 'string' && body.to.trim() ? body.to : null;
    const recipient = typeof body.recipient === 'string' && body.recipient.trim() ? body.recipient : null;
    if (!to && !recipient) return invalid('(#100) The parameter to is required.');
    if (to && !/^\+?[\d\s\-()]{6,20}$/.test(to)) {
      return graphError(400, 131009, '(#131009) Parameter value is not valid', {
        details: `Invalid phone number: ${to}`,
      });
    }
    if (recipient && !/^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/.test(recipient)) {
      return graphError(400, 131009, '(#131009) Parameter value is not valid', {
        details: `Invalid recipient: ${recipient}`,
      });
    }
    if (body.recipient_type !== undefined && !['individual', 'group'].includes(show(body.recipient_type))) {
      return invalid(
        `(#100) Param recipient_type must be one of {INDIVIDUAL, GROUP} - got "${show(body.recipient_type)}".`,
      );
    }
    const type =
      body.type === undefined ? 'text' : typeof body.type === 'string' ? body.type : show(body.type);
    if (!(MESSAGE_TYPES as readonly string[]).includes(type)) {
      return invalid(
        `(#100) Param type must be one of {${MESSAGE_TYPES.join(', ').toUpperCase()}} - got "${type}".`,
      );
    }
    const problem = validateContent(type, body[type]);
    if (problem) return problem;
    const context = body.context as { message_id?: unknown } | undefined;
    if (context !== undefined && typeof context?.message_id !== 'string') {
      return invalid("(#100) The parameter context['message_id'] is required.");
    }

    const user = (to ?? recipient)!;
    if (!FREE_FORM_EXEMPT.has(type) && this.state.closedWindows.has(windowKey(phoneNumberId, user))) {
      return FAILURES.window_closed();
    }
    const wamid = this.state.newWamid();
    this.state.sent.push({ wamid, phoneNumberId, token: auth, to, recipient, type, body, at: Date.now() });
    const contact = to
      ? { input: to, wa_id: to.replace(/\D/g, '') }
      : { input: recipient, user_id: recipient };
    const message: Record<string, string> = { id: wamid };
    if (type === 'template') message.message_status = 'accepted';
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [contact], messages: [message] } };
  }

  private markRead(phoneNumberId: string, body: Record<string, unknown>): FakeResponse {
    if (body.status !== 'read')
      return invalid(`(#100) Param status must be one of {READ} - got "${show(body.status)}".`);
    if (typeof body.message_id !== 'string' || !body.message_id) {
      return invalid('(#100) The parameter message_id is required.');
    }
    if (!body.message_id.startsWith('wamid.')) {
      return graphError(400, 131009, '(#131009) Parameter value is not valid', {
        details: 'Message ID is not valid',
      });
    }
    const typing = body.typing_indicator as { type?: unknown } | undefined;
    if (typing !== undefined && typing?.type !== 'text') {
      return invalid(
        `(#100) Param typing_indicator['type'] must be one of {TEXT} - got "${show(typing?.type)}".`,
      );
    }
    this.state.reads.push({
      phoneNumberId,
      messageId: body.message_id,
      typing: typing !== undefined,
      at: Date.now(),
    });
    return { status: 200, body: { success: true } };
  }

  /** The bearer token when it may act for this number, else Graph's answer. */
  private authorise(req: FakeRequest, phoneNumberId: string): string | FakeResponse {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      return graphError(400, 104, 'An access token is required to request this resource.');
    }
    const grant = this.state.tokens.get(match[1]);
    if (!grant) return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (grant.revoked) {
      return graphError(
        401,
        190,
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
        { subcode: 460 },
      );
    }
    if (grant.phoneNumberIds !== 'any' && !grant.phoneNumberIds.has(phoneNumberId)) {
      return graphError(
        400,
        100,
        `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        { subcode: 33, type: 'GraphMethodException' },
      );
    }
    return match[1];
  }
}

function validateContent(type: string, content: unknown): FakeResponse | null {
  if (!content || typeof content !== 'object') return invalid(`(#100) The parameter ${type} is required.`);
  const c = content as Record<string, unknown>;
  switch (type) {
    case 'text':
      if (typeof c.body !== 'string' || !c.body)
        return invalid("(#100) The parameter text['body'] is required.");
      if (length(c.body) > 4096)
        return invalid("(#100) Param text['body'] must be at most 4096 characters long.");
      return null;
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      if (typeof c.id !== 'string' && typeof c.link !== 'string') {
        return invalid(`(#100) The parameter ${type}['id'] or ${type}['link'] is required.`);
      }
      if (typeof c.link === 'string' && !/^https?:\/\//i.test(c.link)) {
        return invalid(`(#100) Param ${type}['link'] must be a valid URL.`);
      }
      if (typeof c.caption === 'string' && length(c.caption) > 1024) {
        return invalid(`(#100) Param ${type}['caption'] must be at most 1024 characters long.`);
      }
      return null;
    case 'interactive':
      return validateInteractive(c);
    case 'template': {
      if (typeof c.name !== 'string' || !c.name)
        return invalid("(#100) The parameter template['name'] is required.");
      const language = c.language as { code?: unknown } | undefined;
      if (typeof language?.code !== 'string' || !language.code) {
        return invalid("(#100) The parameter template['language']['code'] is required.");
      }
      return null;
    }
    default:
      return null;
  }
}

function validateInteractive(c: Record<string, unknown>): FakeResponse | null {
  const body = c.body as { text?: unknown } | undefined;
  if (typeof body?.text !== 'string' || !body.text) {
    return invalid("(#100) The parameter interactive['body']['text'] is required.");
  }
  if (length(body.text) > 1024) return notValid('Body text length invalid. Min length: 1, Max length: 1024');
  if (c.type !== 'button' && c.type !== 'list') {
    return invalid(
      `(#100) Param interactive['type'] must be one of {BUTTON, LIST, ...} - got "${show(c.type)}".`,
    );
  }
  const action = c.action as { buttons?: unknown; button?: unknown; sections?: unknown } | undefined;
  if (c.type === 'list') {
    if (typeof action?.button !== 'string' || !Array.isArray(action.sections)) {
      return invalid("(#100) The parameter interactive['action']['sections'] is required.");
    }
    return null;
  }
  const buttons = action?.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0) {
    return invalid("(#100) The parameter interactive['action']['buttons'] is required.");
  }
  if (buttons.length > 3) return notValid('Buttons count is invalid. Min count: 1, Max count: 3');
  const titles = new Set<string>();
  for (const button of buttons as { type?: unknown; reply?: { id?: unknown; title?: unknown } }[]) {
    if (
      button?.type !== 'reply' ||
      typeof button.reply?.id !== 'string' ||
      typeof button.reply.title !== 'string'
    ) {
      return invalid("(#100) The parameter interactive['action']['buttons'][0]['reply'] is required.");
    }
    if (length(button.reply.title) > 20 || !button.reply.title) {
      return notValid('Button title length invalid. Min length: 1, Max length: 20');
    }
    if (length(button.reply.id) > 256)
      return notValid('Button id length invalid. Min length: 1, Max length: 256');
    if (titles.has(button.reply.title)) return notValid('Button title must be unique');
    titles.add(button.reply.title);
  }
  return null;
}

function invalid(message: string): FakeResponse {
  return graphError(400, 100, message);
}

function notValid(details: string): FakeResponse {
  return graphError(400, 131009, '(#131009) Parameter value is not valid', { details });
}

function length(value: string): number {
  return Array.from(value).length;
}

function windowKey(phoneNumberId: string, to: string): string {
  return `${phoneNumberId}|${to}`;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A value as Graph quotes it in an error message. */
function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}
