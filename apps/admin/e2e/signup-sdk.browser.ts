import { FacebookSdkFake } from '@parley/fakes';
import type { OnboardConfig, OnboardingStep, WhatsAppOnboardRequest } from '@parley/shared-types';
import type { Page, Route } from 'playwright-core';
import { Stack, startStack } from './support/stack';
import { collectPageErrors, createAcme, OWNER, shoot } from './support/tenant';
import { expectText, signIn } from './support/ui';

const SESSION = {
  waba_id: '102290129340398',
  phone_number_id: '106540352242922',
  business_id: '100200300400500',
};
const STEP_NAMES = [
  'exchange_code',
  'debug_token',
  'subscribe_app',
  'register_number',
  'number_details',
  'store',
] as const;

/**
 * The browser half of Embedded Signup in a real Chromium: the app loads the fake Facebook SDK from
 * another origin, FB.login opens the fake's dialog, whose `WA_EMBEDDED_SIGNUP` message and code
 * cross origins as Facebook's do, and the app pairs them. The three onboarding routes are answered
 * by this test (page.route), so this runs before the onboarding API is merged; the server side has
 * its own e2e suite and tenant-journey.browser.ts runs both together.
 */
describe('Embedded Signup in the browser, with the fake Facebook SDK', () => {
  let stack: Stack;
  let sdk: FacebookSdkFake;

  beforeAll(async () => {
    sdk = await new FacebookSdkFake().start();
    // The API's CSP lets the admin app load the SDK from this address.
    stack = await startStack({ PUBLIC_URL: 'https://parley.acme.test', FB_SDK_URL: `${sdk.url}/sdk.js` });
    await createAcme(stack);
  });
  afterAll(async () => {
    await stack?.close();
    await sdk?.stop();
  });

  async function onboardingPage(): Promise<{
    page: Page;
    posted: WhatsAppOnboardRequest[];
    errors: string[];
  }> {
    const page = await stack.newPage();
    const errors = collectPageErrors(page);
    const posted: WhatsAppOnboardRequest[] = [];
    const config: OnboardConfig = {
      app_id: '1234567890',
      config_id: '998877',
      graph_api_version: 'v25.0',
      sdk_url: `${sdk.url}/sdk.js`,
      webhook_url: 'https://parley.acme.test/webhooks/whatsapp/acme',
      preflight: [
        { key: 'app_id', ok: true, message: null },
        { key: 'app_secret', ok: true, message: null },
        { key: 'config_id', ok: true, message: null },
        { key: 'public_url', ok: true, message: null },
        { key: 'verify_token', ok: true, message: null },
      ],
      ready: true,
      connected: null,
    };
    let polls = 0;
    await page.route('**/api/v1/tenant/onboard/config', (route) => route.fulfill({ json: config }));
    await page.route('**/api/v1/tenant/onboard/steps', (route) => route.fulfill({ json: progress(++polls) }));
    await page.route('**/api/v1/tenant/onboard/whatsapp-client', async (route: Route) => {
      posted.push(route.request().postDataJSON() as WhatsAppOnboardRequest);
      await new Promise((r) => setTimeout(r, 1500)); // long enough for the live steps to show
      await route.fulfill({
        json: {
          status: 'completed',
          ...SESSION,
          display_phone_number: '+1 555-078-3881',
          verified_name: 'Acme Dental',
          quality_rating: 'GREEN',
          steps: progress(99),
        },
      });
    });
    await signIn(page, OWNER);
    await page.goto('/onboarding');
    await page.getByRole('heading', { name: 'Connect WhatsApp', level: 1 }).waitFor();
    return { page, posted, errors };
  }

  it('connects: the popup posts the session, the code comes back, the steps show live', async () => {
    sdk.nextSignup({ event: 'FINISH', code: 'AQ-code-from-graph', ...SESSION, order: 'session-first' });
    const { page, posted, errors } = await onboardingPage();
    await expectText(page, 'Webhook verify token');
    await shoot(page, 'tenant-onboarding-preflight');

    const button = page.getByRole('button', { name: 'Connect WhatsApp' });
    await page.waitForFunction(() => !document.querySelector('.connect-actions button[disabled]'));
    const popup = page.context().waitForEvent('page');
    await button.click();
    await (await popup).waitForLoadState();
    await expectText(page, 'Exchanging the authorisation from Facebook');
    await shoot(page, 'tenant-onboarding-steps');
    await expectText(page, 'Connected: +1 555-078-3881 (Acme Dental)');
    await shoot(page, 'tenant-onboarding-connected');
    await page.setViewportSize({ width: 375, height: 800 });
    await shoot(page, 'tenant-onboarding-connected-375');

    expect(posted).toEqual([{ code: 'AQ-code-from-graph', ...SESSION }]);
    expect(sdk.logins()).toEqual([
      expect.objectContaining({
        app_id: '1234567890',
        version: 'v25.0',
        config_id: '998877',
        response_type: 'code',
        override_default_response_type: 'true',
        extras: expect.objectContaining({ setup: {}, featureType: '', sessionInfoVersion: '3' }),
      }),
    ]);
    expect(errors).toEqual([]);
  });

  it('pairs them when the code arrives before the session info', async () => {
    sdk.nextSignup({ event: 'FINISH', code: 'AQ-code-first', order: 'code-first' });
    const { page, posted } = await onboardingPage();
    await page.waitForFunction(() => !document.querySelector('.connect-actions button[disabled]'));
    await page.getByRole('button', { name: 'Connect WhatsApp' }).click();
    await expectText(page, 'Connected: +1 555-078-3881');
    expect(posted).toEqual([{ code: 'AQ-code-first', ...SESSION }]);
  });

  it("says where the tenant left Facebook's window, and sends nothing", async () => {
    sdk.nextSignup({ event: 'CANCEL', current_step: 'PHONE_NUMBER_SETUP', order: 'session-first' });
    const { page, posted } = await onboardingPage();
    await page.waitForFunction(() => !document.querySelector('.connect-actions button[disabled]'));
    await page.getByRole('button', { name: 'Connect WhatsApp' }).click();
    await expectText(
      page,
      "You left Facebook's window at the “phone number setup” step. Nothing was connected.",
    );
    await page.getByRole('button', { name: 'Connect again with Facebook' }).waitFor();
    await shoot(page, 'tenant-onboarding-cancelled');
    expect(posted).toEqual([]);
  });
});

/** The server's steps as polled: one more step done per poll. */
function progress(poll: number): OnboardingStep[] {
  return STEP_NAMES.map((step, i) => ({
    step,
    status: i < poll - 1 ? 'succeeded' : i === poll - 1 ? 'running' : 'pending',
    error: null,
    finished_at: null,
  }));
}
