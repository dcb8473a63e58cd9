import { randomBytes } from 'node:crypto';
import { FakeRequest, FakeResponse, FakeServer } from '../harness/fake-server';

/**
 * Meta's JavaScript SDK as Embedded Signup uses it (PROTOCOLS.md 5.2), served locally: `/sdk.js`
 * defines `window.FB` (`init`, `login`, `getLoginStatus`) and calls `window.fbAsyncInit`.
 * `FB.login` opens `/dialog` from this fake's own origin (a popup, or a hidden iframe when popups
 * are blocked), standing in for Facebook's window: it posts the `WA_EMBEDDED_SIGNUP` session event
 * to the opener as a JSON string, as Facebook does, and hands the code back to the SDK, which calls
 * the login callback with `{authResponse: {code}, status: 'connected'}` (or `authResponse: null`
 * when cancelled). The messages come from this fake's origin, so the app must trust the origin of
 * its configured SDK address.
 *
 * What the next signup returns is set with `nextSignup()`, `POST /__fake/signup` (JSON body), or
 * the query of the script address (`/sdk.js?code=...&waba_id=...`); the query wins. The code must
 * be one the Meta Graph fake accepts (issue it there first).
 */

export type FakeSignupEvent =
  'FINISH' | 'FINISH_ONLY_WABA' | 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING' | 'CANCEL' | 'ERROR';

export interface FakeSignup {
  event: FakeSignupEvent;
  /** The exchangeable code; a random one (unknown to Graph) when not set. */
  code: string | null;
  waba_id: string;
  phone_number_id: string;
  business_id: string;
  /** CANCEL: the screen the user left on. */
  current_step: string;
  /** ERROR (or CANCEL with a reported error). */
  error_message: string | null;
  /** Which half reaches the page first; Meta gives no order. */
  order: 'session-first' | 'code-first';
  /** How long "the user" spends in Facebook's window. */
  delay_ms: number;
}

const FIELDS = [
  'event',
  'code',
  'waba_id',
  'phone_number_id',
  'business_id',
  'current_step',
  'error_message',
  'order',
  'delay_ms',
] as const;

export const DEFAULT_SIGNUP: FakeSignup = {
  event: 'FINISH',
  code: null,
  waba_id: '102290129340398',
  phone_number_id: '106540352242922',
  business_id: '100200300400500',
  current_step: 'PHONE_NUMBER_SETUP',
  error_message: null,
  order: 'session-first',
  delay_ms: 300,
};

export class FacebookSdkFake extends FakeServer {
  private next: FakeSignup = { ...DEFAULT_SIGNUP };

  constructor() {
    super('facebook-sdk');
    this.route('GET', '/sdk.js', () => ({
      status: 200,
      headers: {
        'content-type': 'application/javascript; charset=utf-8',
        'access-control-allow-origin': '*',
      },
      raw: SDK_SCRIPT,
    }));
    this.route('GET', '/en_US/sdk.js', () => ({
      status: 200,
      headers: {
        'content-type': 'application/javascript; charset=utf-8',
        'access-control-allow-origin': '*',
      },
      raw: SDK_SCRIPT,
    }));
    this.route('GET', '/dialog', (req) => this.dialog(req));
    this.controlRoute('GET', 'signup', () => ({ status: 200, body: this.next }));
    this.controlRoute('POST', 'signup', (req) => {
      this.nextSignup(req.body as Partial<FakeSignup>);
      return { status: 200, body: this.next };
    });
  }

  /** What the next (and every later) signup returns, until changed. */
  nextSignup(signup: Partial<FakeSignup>): this {
    this.next = { ...this.next, ...signup };
    return this;
  }

  /** The FB.login calls made so far: the options the app passed (config_id, extras, ...). */
  logins(): {
    app_id: string;
    version: string;
    config_id: string;
    response_type: string;
    override_default_response_type: string;
    extras: unknown;
  }[] {
    return this.requests({ method: 'GET', path: '/dialog' }).map((r) => ({
      app_id: r.query.app_id,
      version: r.query.version,
      config_id: r.query.config_id,
      response_type: r.query.response_type,
      override_default_response_type: r.query.override_default_response_type,
      extras: safeJson(r.query.extras),
    }));
  }

  private dialog(req: FakeRequest): FakeResponse {
    const signup: FakeSignup = { ...this.next };
    for (const field of FIELDS) {
      const value = req.query[field];
      if (value === undefined || value === '') continue;
      if (field === 'delay_ms') signup.delay_ms = Number(value);
      else (signup as unknown as Record<string, string>)[field] = value;
    }
    const finished = signup.event.startsWith('FINISH');
    const code = finished ? (signup.code ?? `AQ${randomBytes(12).toString('hex')}`) : null;
    const session =
      signup.event === 'CANCEL'
        ? {
            current_step: signup.current_step,
            ...(signup.error_message ? { error_message: signup.error_message } : {}),
          }
        : signup.event === 'ERROR'
          ? {
              error_message: signup.error_message ?? 'An error occurred',
              error_code: '0',
              session_id: 'fake-session',
            }
          : {
              waba_id: signup.waba_id,
              business_id: signup.business_id,
              ...(signup.event === 'FINISH_ONLY_WABA' ? {} : { phone_number_id: signup.phone_number_id }),
            };
    const messages = {
      session: { type: 'WA_EMBEDDED_SIGNUP', event: signup.event, data: session, version: 3 },
      login: { type: 'FAKE_FB_LOGIN_RESULT', code },
      order: signup.order,
      delay: signup.delay_ms,
    };
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      raw: dialogPage(JSON.stringify(messages).replace(/</g, '\\u003c')),
    };
  }
}

function safeJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

const dialogPage = (messages: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Facebook (fake): WhatsApp Embedded Signup</title>
<style>body{font:15px system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f0f2f5;color:#1c1e21}
main{background:#fff;padding:24px 28px;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.15);max-width:340px}
h1{font-size:18px;color:#1877f2;margin:0 0 8px}</style></head>
<body><main><h1>facebook</h1><p>Fake Embedded Signup: connecting your WhatsApp Business Account…</p></main>
<script>
(function () {
  var m = ${messages};
  var target = window.opener || window.parent;
  function post(message) { target.postMessage(JSON.stringify(message), '*'); }
  setTimeout(function () {
    if (m.order === 'code-first') { post(m.login); post(m.session); } else { post(m.session); post(m.login); }
    if (window.opener) setTimeout(function () { window.close(); }, 100);
  }, m.delay);
})();
</script></body></html>
`;

/** The browser side: `window.FB`, talking to the dialog through `postMessage` from its own origin. */
const SDK_SCRIPT = `(function () {
  var script = document.currentScript;
  var source = new URL(script ? script.src : location.href);
  var origin = source.origin;
  var state = { appId: null, version: null, pending: null };
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !state.pending) return;
    var message;
    try { message = typeof event.data === 'string' ? JSON.parse(event.data) : event.data; } catch (e) { return; }
    if (!message || message.type !== 'FAKE_FB_LOGIN_RESULT') return;
    var callback = state.pending;
    state.pending = null;
    callback(message.code
      ? { authResponse: { code: message.code, userID: 'fake-user', expiresIn: 0, accessToken: null, signedRequest: null }, status: 'connected' }
      : { authResponse: null, status: 'unknown' });
  });
  window.FB = {
    init: function (options) { state.appId = options.appId; state.version = options.version; },
    getLoginStatus: function (callback) { callback({ status: 'unknown', authResponse: null }); },
    login: function (callback, options) {
      options = options || {};
      state.pending = callback;
      var query = new URLSearchParams(source.search);
      query.set('app_id', state.appId || '');
      query.set('version', state.version || '');
      query.set('config_id', options.config_id || '');
      query.set('response_type', options.response_type || '');
      query.set('override_default_response_type', String(!!options.override_default_response_type));
      query.set('extras', JSON.stringify(options.extras || {}));
      var url = origin + '/dialog?' + query.toString();
      var popup = window.open(url, 'fb_embedded_signup', 'width=600,height=760');
      if (!popup) {
        var frame = document.createElement('iframe');
        frame.style.display = 'none';
        frame.title = 'Facebook signup';
        frame.src = url;
        document.body.appendChild(frame);
      }
    }
  };
  if (typeof window.fbAsyncInit === 'function') setTimeout(window.fbAsyncInit, 0);
})();
`;
