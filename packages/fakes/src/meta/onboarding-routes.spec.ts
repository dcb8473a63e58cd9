import { FakeServer } from '../harness/fake-server';
import { MetaOnboardingState, registerOnboardingRoutes } from './onboarding-routes';

describe('Meta onboarding routes', () => {
  let server: FakeServer;
  let state: MetaOnboardingState;

  beforeEach(async () => {
    server = new FakeServer('meta');
    state = new MetaOnboardingState();
    registerOnboardingRoutes(server, state);
    await server.start();
  });
  afterEach(() => server.stop());

  const get = (path: string, token?: string) =>
    fetch(`${server.url}/v25.0${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const exchange = (appId: string, secret: string, code: string) =>
    get(`/oauth/access_token?client_id=${appId}&client_secret=${secret}&code=${encodeURIComponent(code)}`);

  it('exchanges a code once, within its 30 seconds, with Graph error bodies otherwise', async () => {
    const app = state.createApp();
    const { waba } = state.createWaba();
    const code = state.signup(app, waba);

    const first = await exchange(app.id, app.secret, code);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { access_token: string };
    expect(Object.keys(body)).toEqual(['access_token']);

    const again = await exchange(app.id, app.secret, code);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: {
        message: 'This authorization code has been used.',
        type: 'OAuthException',
        code: 100,
        error_subcode: 36009,
        fbtrace_id: expect.any(String),
      },
    });

    const late = state.signup(app, waba);
    state.expireCode(late);
    const expired = (await (await exchange(app.id, app.secret, late)).json()) as {
      error: Record<string, unknown>;
    };
    expect(expired.error).toMatchObject({
      message: 'This authorization code has expired.',
      code: 100,
      error_subcode: 36007,
    });
    const badSecret = (await (await exchange(app.id, 'nope', late)).json()) as {
      error: Record<string, unknown>;
    };
    expect(badSecret.error).toMatchObject({ message: 'Error validating client secret.', code: 1 });
  });

  it('debug_token shows scopes, targets and expiry, and a revoked token as not valid', async () => {
    const app = state.createApp();
    const { waba } = state.createWaba();
    const token = state.issueToken(app, waba, { expiresInSeconds: 3600 });
    const debug = async () =>
      (
        (await (await get(`/debug_token?input_token=${token}`, `${app.id}|${app.secret}`)).json()) as {
          data: Record<string, unknown>;
        }
      ).data;
    const data = await debug();
    expect(data).toMatchObject({
      app_id: app.id,
      is_valid: true,
      scopes: ['whatsapp_business_management', 'whatsapp_business_messaging', 'business_management'],
      granular_scopes: [
        { scope: 'whatsapp_business_management', target_ids: [waba.id] },
        { scope: 'whatsapp_business_messaging', target_ids: [waba.id] },
        { scope: 'business_management' },
      ],
    });
    expect(data.expires_at).toBeGreaterThan(Date.now() / 1000);
    state.revoke(token);
    expect(await debug()).toMatchObject({ is_valid: false, error: { code: 190, subcode: 458 } });
    const denied = await get(`/${waba.id}/subscribed_apps`, token);
    expect(denied.status).toBe(401);
  });

  it('subscribes, registers with a 6-digit PIN, and shows the number’s fields; refuses other WABAs', async () => {
    const app = state.createApp();
    const { waba, phone } = state.createWaba();
    const other = state.createWaba();
    const token = state.issueToken(app, waba);
    const post = (path: string, json?: unknown) =>
      fetch(`${server.url}/v25.0${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
    expect(await (await post(`/${waba.id}/subscribed_apps`)).json()).toEqual({ success: true });
    expect(await (await get(`/${waba.id}/subscribed_apps`, token)).json()).toMatchObject({
      data: [{ whatsapp_business_api_data: { id: app.id } }],
    });
    expect((await post(`/${phone.id}/register`, { messaging_product: 'whatsapp', pin: '12' })).status).toBe(
      400,
    );
    expect(
      await (await post(`/${phone.id}/register`, { messaging_product: 'whatsapp', pin: '123456' })).json(),
    ).toEqual({
      success: true,
    });
    const fields = await (
      await get(`/${phone.id}?fields=display_phone_number,verified_name,quality_rating`, token)
    ).json();
    expect(fields).toEqual({
      display_phone_number: phone.displayPhoneNumber,
      verified_name: 'Acme Dental',
      quality_rating: 'GREEN',
      id: phone.id,
    });
    const foreign = await get(`/${other.phone.id}?fields=verified_name`, token);
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({
      error: { code: 100, error_subcode: 33, type: 'GraphMethodException' },
    });

    state.failNext('number_details');
    expect((await get(`/${phone.id}?fields=display_phone_number`, token)).status).toBe(500);
    expect((await get(`/${phone.id}?fields=display_phone_number`, token)).status).toBe(200);
  });
});
