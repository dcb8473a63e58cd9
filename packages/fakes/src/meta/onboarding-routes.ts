import { randomBytes } from 'node:crypto';
import type { FakeRequest, FakeResponse, FakeServer } from '../harness/fake-server';
import { graphError, GraphFakeState } from './graph-fake';

/*
 * The Graph API calls of Embedded Signup's server side (PROTOCOLS.md, part 1 section 5.3):
 * code exchange, debug_token, the WABA's subscribed_apps, number registration and the number's
 * fields. Errors use Graph's body `{error: {message, type, code, error_subcode?, fbtrace_id}}`.
 * Every route can be made to fail with the FakeServer's failure rules by path, e.g.
 * `{ path: '/register', response: graphError(...) }`.
 */

export const WHATSAPP_SCOPES = ['whatsapp_business_management', 'whatsapp_business_messaging'] as const;

export interface MetaApp {
  id: string;
  secret: string;
  name: string;
}

export interface IssuedToken {
  token: string;
  appId: string;
  businessId: string;
  scopes: string[];
  /** Per scope, the WABA ids it was granted on (debug_token's granular_scopes target_ids). */
  targets: Record<string, string[]>;
  /** Unix seconds; 0 = never expires (Meta's default for business integration system user tokens). */
  expiresAt: number;
  revoked: boolean;
  issuedAt: number;
}

export interface FakePhoneNumber {
  id: string;
  wabaId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  registered: boolean;
  /** The two-step verification PIN once set by a registration. */
  pin: string | null;
  registerCalls: number;
}

export interface FakeWaba {
  id: string;
  businessId: string;
  name: string;
  subscribedApps: string[];
}

/** The onboarding calls a test can make fail once each (`failNext`). */
export type MetaOnboardingCall = 'access_token' | 'debug_token' | 'subscribe' | 'register' | 'number_details';

interface PendingCode {
  appId: string;
  token: Omit<IssuedToken, 'token' | 'issuedAt' | 'revoked'>;
  expiresAt: number;
  used: boolean;
}

const digits = (length: number) =>
  Array.from(randomBytes(length), (b) => String(b % 10))
    .join('')
    .replace(/^0/, '1');

/**
 * What Meta knows about apps, business tokens, WABAs and numbers, driven by tests: `signup()`
 * plays the customer finishing the Embedded Signup popup and returns the 30-second code plus
 * the ids the session-info message would carry.
 */
export class MetaOnboardingState {
  readonly apps = new Map<string, MetaApp>();
  readonly tokens = new Map<string, IssuedToken>();
  readonly wabas = new Map<string, FakeWaba>();
  readonly phoneNumbers = new Map<string, FakePhoneNumber>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly failures = new Map<MetaOnboardingCall, FakeResponse[]>();
  /** The code's time to live (Meta: 30 seconds). */
  codeTtlMs = 30_000;

  /**
   * `graph` is the Graph fake's state: business tokens and numbers made here are mirrored into it,
   * so a tenant onboarded through these routes can send messages through the same fake.
   */
  constructor(readonly graph: GraphFakeState = new GraphFakeState()) {}

  createApp(name = 'Parley'): MetaApp {
    const app = { id: digits(15), secret: randomBytes(16).toString('hex'), name };
    this.apps.set(app.id, app);
    return app;
  }

  /** A WABA with one number, owned by a customer business (not registered unless told). */
  createWaba(
    options: { registered?: boolean; verifiedName?: string; quality?: FakePhoneNumber['qualityRating'] } = {},
  ): {
    waba: FakeWaba;
    phone: FakePhoneNumber;
  } {
    const waba: FakeWaba = { id: digits(15), businessId: digits(15), name: 'Acme WABA', subscribedApps: [] };
    this.wabas.set(waba.id, waba);
    const national = digits(7);
    const phone: FakePhoneNumber = {
      id: digits(15),
      wabaId: waba.id,
      displayPhoneNumber: `+1 555-${national.slice(0, 3)}-${national.slice(3, 7)}`,
      verifiedName: options.verifiedName ?? 'Acme Dental',
      qualityRating: options.quality ?? 'GREEN',
      registered: options.registered ?? false,
      pin: null,
      registerCalls: 0,
    };
    this.phoneNumbers.set(phone.id, phone);
    this.graph.phoneNumbers.set(phone.id, {
      id: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      verifiedName: phone.verifiedName,
      wabaId: waba.id,
      qualityRating: phone.qualityRating,
      registered: phone.registered,
      details: {},
    });
    return { waba, phone };
  }

  /**
   * The customer finished the popup: a code for `app` that becomes a business token with these
   * scopes and targets when exchanged (defaults: both WhatsApp scopes on the WABA, never expires).
   */
  signup(
    app: MetaApp,
    waba: FakeWaba,
    options: { scopes?: string[]; targets?: string[]; expiresInSeconds?: number } = {},
  ): string {
    const code = `AQ${randomBytes(48).toString('base64url')}`;
    const scopes = options.scopes ?? [...WHATSAPP_SCOPES, 'business_management'];
    const targets = options.targets ?? [waba.id];
    this.codes.set(code, {
      appId: app.id,
      expiresAt: Date.now() + this.codeTtlMs,
      used: false,
      token: {
        appId: app.id,
        businessId: waba.businessId,
        scopes,
        targets: Object.fromEntries(
          scopes.filter((s) => s.startsWith('whatsapp_')).map((scope) => [scope, targets]),
        ),
        expiresAt: options.expiresInSeconds ? Math.floor(Date.now() / 1000) + options.expiresInSeconds : 0,
      },
    });
    return code;
  }

  /**
   * The next `times` calls of this kind answer `response` (default: Graph's generic transient
   * error, HTTP 500 code 2). `number_details` means a read of the display number and name.
   */
  failNext(
    call: MetaOnboardingCall,
    response: FakeResponse = graphError(
      500,
      2,
      'An unexpected error has occurred. Please retry your request later.',
      { isTransient: true },
    ),
    times = 1,
  ): void {
    this.failures.set(call, [
      ...(this.failures.get(call) ?? []),
      ...Array<FakeResponse>(times).fill(response),
    ]);
  }

  /** The armed failure for this call, used up. */
  takeFailure(call: MetaOnboardingCall): FakeResponse | null {
    return this.failures.get(call)?.shift() ?? null;
  }

  /** The code's 30 seconds are over. */
  expireCode(code: string): void {
    const pending = this.codes.get(code);
    if (pending) pending.expiresAt = 0;
  }

  /** The customer removed the app in Business Settings: the token stops working. */
  revoke(token: string): void {
    const issued = this.tokens.get(token);
    if (issued) issued.revoked = true;
    const grant = this.graph.tokens.get(token);
    if (grant) grant.revoked = true;
  }

  /** A token straight away, as if a signup had completed earlier. */
  issueToken(
    app: MetaApp,
    waba: FakeWaba,
    options: { expiresInSeconds?: number; scopes?: string[] } = {},
  ): string {
    const code = this.signup(app, waba, options);
    return this.exchange(code).token;
  }

  private exchange(code: string): IssuedToken {
    const pending = this.codes.get(code)!;
    pending.used = true;
    const token: IssuedToken = {
      ...pending.token,
      token: `EAA${randomBytes(90).toString('base64url')}`,
      revoked: false,
      issuedAt: Math.floor(Date.now() / 1000),
    };
    this.tokens.set(token.token, token);
    const wabaIds = new Set(Object.values(token.targets).flat());
    this.graph.tokens.set(token.token, {
      phoneNumberIds: new Set(
        [...this.phoneNumbers.values()].filter((p) => wabaIds.has(p.wabaId)).map((p) => p.id),
      ),
      revoked: false,
      details: {
        appId: token.appId,
        businessId: token.businessId,
        scopes: token.scopes,
        wabaIds: [...wabaIds],
      },
    });
    return token;
  }

  /** Graph's `GET /oauth/access_token` (code grant). */
  accessToken(req: FakeRequest): FakeResponse {
    const { client_id: clientId, client_secret: secret, code } = req.query;
    const app = this.apps.get(clientId ?? '');
    if (!app) return graphError(400, 101, 'Error validating application. Invalid application ID.');
    if (app.secret !== secret) return graphError(400, 1, 'Error validating client secret.');
    const pending = this.codes.get(code ?? '');
    if (!pending || pending.appId !== app.id) {
      return graphError(400, 100, 'Invalid verification code format.', { subcode: 36008 });
    }
    if (pending.used)
      return graphError(400, 100, 'This authorization code has been used.', { subcode: 36009 });
    if (pending.expiresAt < Date.now()) {
      return graphError(400, 100, 'This authorization code has expired.', { subcode: 36007 });
    }
    return { status: 200, body: { access_token: this.exchange(code).token } };
  }

  /** Graph's `GET /debug_token?input_token=` with an app token (`APP_ID|APP_SECRET`) or a system user token. */
  debugToken(req: FakeRequest): FakeResponse {
    const caller = bearerOf(req);
    const app = [...this.apps.values()].find((a) => caller === `${a.id}|${a.secret}`);
    if (!app && !this.usable(caller)) {
      return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    const input = this.tokens.get(req.query.input_token ?? '');
    if (!input) {
      return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    const now = Math.floor(Date.now() / 1000);
    const expired = input.expiresAt !== 0 && input.expiresAt <= now;
    const data: Record<string, unknown> = {
      app_id: input.appId,
      type: 'SYSTEM_USER',
      application: this.apps.get(input.appId)?.name ?? 'App',
      data_access_expires_at: 0,
      expires_at: input.expiresAt,
      is_valid: !input.revoked && !expired,
      issued_at: input.issuedAt,
      scopes: input.scopes,
      granular_scopes: input.scopes.map((scope) =>
        input.targets[scope] ? { scope, target_ids: input.targets[scope] } : { scope },
      ),
      user_id: digits(15),
    };
    if (input.revoked) {
      data.error = {
        code: 190,
        message: `Error validating access token: The user has not authorized application ${input.appId}.`,
        subcode: 458,
      };
    } else if (expired) {
      data.error = {
        code: 190,
        message: 'Error validating access token: Session has expired.',
        subcode: 463,
      };
    }
    return { status: 200, body: { data } };
  }

  subscribedApps(req: FakeRequest): FakeResponse {
    const denied = this.denied(req, this.wabas.get(req.params.id)?.id, req.params.id);
    if (denied) return denied;
    const waba = this.wabas.get(req.params.id)!;
    if (req.method === 'POST') {
      const appId = this.tokens.get(bearerOf(req))!.appId;
      if (!waba.subscribedApps.includes(appId)) waba.subscribedApps.push(appId);
      return { status: 200, body: { success: true } };
    }
    return {
      status: 200,
      body: {
        data: waba.subscribedApps.map((id) => ({
          whatsapp_business_api_data: {
            id,
            link: 'https://www.facebook.com/games/?app_id=' + id,
            name: this.apps.get(id)?.name ?? 'App',
          },
        })),
      },
    };
  }

  register(req: FakeRequest): FakeResponse {
    const phone = this.phoneNumbers.get(req.params.id);
    const denied = this.denied(req, phone?.wabaId, req.params.id);
    if (denied) return denied;
    const body = (typeof req.body === 'object' && req.body ? req.body : {}) as Record<string, unknown>;
    if (body.messaging_product !== 'whatsapp') {
      return graphError(400, 100, '(#100) The parameter messaging_product is required.', {
        type: 'OAuthException',
      });
    }
    const pin = typeof body.pin === 'string' ? body.pin : '';
    if (!/^\d{6}$/.test(pin)) return graphError(400, 100, '(#100) Param pin must be 6 digits');
    phone!.registerCalls += 1;
    if (phone!.registerCalls > 10) {
      return graphError(400, 133016, '(#133016) Account register deregister rate limit exceeded');
    }
    if (phone!.pin && phone!.pin !== pin) {
      return graphError(400, 133005, '(#133005) Two step verification PIN Mismatch');
    }
    phone!.pin = pin;
    phone!.registered = true;
    const mirrored = this.graph.phoneNumbers.get(phone!.id);
    if (mirrored) mirrored.registered = true;
    return { status: 200, body: { success: true } };
  }

  phoneNumber(req: FakeRequest): FakeResponse {
    const phone = this.phoneNumbers.get(req.params.id);
    const denied = this.denied(req, phone?.wabaId, req.params.id);
    if (denied) return denied;
    const all: Record<string, unknown> = {
      verified_name: phone!.verifiedName,
      code_verification_status: 'VERIFIED',
      display_phone_number: phone!.displayPhoneNumber,
      quality_rating: phone!.qualityRating,
      platform_type: phone!.registered ? 'CLOUD_API' : 'NOT_APPLICABLE',
      status: phone!.registered ? 'CONNECTED' : 'PENDING',
      name_status: 'APPROVED',
      throughput: { level: 'STANDARD' },
      id: phone!.id,
    };
    const fields = (
      req.query.fields ?? 'verified_name,code_verification_status,display_phone_number,quality_rating,id'
    )
      .split(',')
      .map((f) => f.trim());
    const body = Object.fromEntries(
      Object.entries(all).filter(([key]) => key === 'id' || fields.includes(key)),
    );
    return { status: 200, body };
  }

  private usable(token: string): IssuedToken | null {
    const issued = this.tokens.get(token);
    if (!issued || issued.revoked) return null;
    if (issued.expiresAt !== 0 && issued.expiresAt <= Math.floor(Date.now() / 1000)) return null;
    return issued;
  }

  /** Graph's answers for a bad token or an object the token may not touch. */
  private denied(req: FakeRequest, wabaId: string | undefined, objectId: string): FakeResponse | null {
    const raw = bearerOf(req);
    const issued = this.tokens.get(raw);
    if (!issued) return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (issued.revoked) {
      return graphError(
        401,
        190,
        `Error validating access token: The user has not authorized application ${issued.appId}.`,
        { subcode: 458 },
      );
    }
    if (!this.usable(raw)) {
      return graphError(401, 190, 'Error validating access token: Session has expired.', { subcode: 463 });
    }
    const granted = Object.values(issued.targets).some((ids) => wabaId !== undefined && ids.includes(wabaId));
    if (!wabaId || !granted) {
      return graphError(
        400,
        100,
        `Unsupported ${req.method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        { type: 'GraphMethodException', subcode: 33 },
      );
    }
    return null;
  }
}

function bearerOf(req: FakeRequest): string {
  const header = req.headers.authorization ?? '';
  if (header.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return req.query.access_token ?? '';
}

/**
 * Mounts the onboarding routes on a Meta Graph fake: `registerOnboardingRoutes(fake, new
 * MetaOnboardingState(fake.state))` on a `GraphFake` adds them next to its messages routes.
 * Specific paths are registered before the generic `GET /{id}`.
 */
export function registerOnboardingRoutes(server: FakeServer, state: MetaOnboardingState): void {
  const failable =
    (
      call: MetaOnboardingCall | ((req: FakeRequest) => MetaOnboardingCall | null),
      handler: (req: FakeRequest) => FakeResponse,
    ) =>
    (req: FakeRequest): FakeResponse => {
      const kind = typeof call === 'function' ? call(req) : call;
      return (kind && state.takeFailure(kind)) || handler(req);
    };
  server.route(
    'GET',
    '/:version/oauth/access_token',
    failable('access_token', (req) => state.accessToken(req)),
  );
  server.route(
    'GET',
    '/:version/debug_token',
    failable('debug_token', (req) => state.debugToken(req)),
  );
  server.route('GET', '/:version/:id/subscribed_apps', (req) => state.subscribedApps(req));
  server.route(
    'POST',
    '/:version/:id/subscribed_apps',
    failable('subscribe', (req) => state.subscribedApps(req)),
  );
  server.route(
    'POST',
    '/:version/:id/register',
    failable('register', (req) => state.register(req)),
  );
  server.route(
    'GET',
    '/:version/:id',
    failable(
      (req) => ((req.query.fields ?? '').includes('display_phone_number') ? 'number_details' : null),
      (req) => state.phoneNumber(req),
    ),
  );
}
