import { FAKE_DEFINITIONS } from '../harness/registry';
import { FacebookSdkFake } from './facebook-sdk-fake';

/** The messages the dialog page will post, read back from its inline script. */
async function dialogMessages(url: string) {
  const html = await (await fetch(url)).text();
  const json = /var m = (\{.*\});/.exec(html)?.[1];
  return JSON.parse(json!) as {
    session: { type: string; event: string; data: Record<string, string>; version: number };
    login: { type: string; code: string | null };
    order: string;
  };
}

describe('FacebookSdkFake', () => {
  let fake: FacebookSdkFake;
  beforeEach(async () => {
    fake = await new FacebookSdkFake().start();
  });
  afterEach(() => fake.stop());

  it('serves an SDK script that defines FB and calls fbAsyncInit', async () => {
    const res = await fetch(`${fake.url}/sdk.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    const script = await res.text();
    expect(script).toContain('window.FB =');
    expect(script).toContain('window.fbAsyncInit');
  });

  it('posts a FINISH session (v3) and the configured code, session first by default', async () => {
    fake.nextSignup({
      code: 'AQ-issued-by-graph',
      waba_id: '111',
      phone_number_id: '222',
      business_id: '333',
    });
    const m = await dialogMessages(`${fake.url}/dialog?config_id=cfg&extras=%7B%22setup%22%3A%7B%7D%7D`);
    expect(m.session).toEqual({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'FINISH',
      data: { waba_id: '111', business_id: '333', phone_number_id: '222' },
      version: 3,
    });
    expect(m.login).toEqual({ type: 'FAKE_FB_LOGIN_RESULT', code: 'AQ-issued-by-graph' });
    expect(m.order).toBe('session-first');
    expect(fake.logins()[0]).toMatchObject({ config_id: 'cfg', extras: { setup: {} } });
  });

  it('lets the script query, then the control route, choose the outcome', async () => {
    const cancel = await dialogMessages(`${fake.url}/dialog?event=CANCEL&current_step=WABA_SETUP`);
    expect(cancel.session).toMatchObject({ event: 'CANCEL', data: { current_step: 'WABA_SETUP' } });
    expect(cancel.login.code).toBeNull();

    const set = await fetch(`${fake.url}/__fake/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'ERROR', error_message: 'Business not verified' }),
    });
    expect(set.status).toBe(200);
    const error = await dialogMessages(`${fake.url}/dialog`);
    expect(error.session).toMatchObject({ event: 'ERROR', data: { error_message: 'Business not verified' } });

    const onlyWaba = await dialogMessages(`${fake.url}/dialog?event=FINISH_ONLY_WABA&code=X`);
    expect(onlyWaba.session.data.phone_number_id).toBeUndefined();
    expect(onlyWaba.login.code).toBe('X');
  });

  it('is listed for the CLI with the SDK address variable', () => {
    const definition = FAKE_DEFINITIONS.find((d) => d.name === 'facebook-sdk');
    expect(definition?.env('http://127.0.0.1:4100')).toEqual({ FB_SDK_URL: 'http://127.0.0.1:4100/sdk.js' });
  });
});
