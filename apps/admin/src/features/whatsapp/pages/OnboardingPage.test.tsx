import type { OnboardConfig, OnboardingStep } from '@parley/shared-types';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiReply, mockApi, signInAsTenantAdmin } from '../../../test/tenant';
import type { FacebookLoginOptions, FacebookLoginResponse } from '../lib/facebook-sdk';
import { OnboardingPage } from './OnboardingPage';

const CONFIG = '/api/v1/tenant/onboard/config';
const ONBOARD = '/api/v1/tenant/onboard/whatsapp-client';
const SESSION = { phone_number_id: '106540352242922', waba_id: '102290129340398', business_id: '4455' };
let sdkCount = 0;

const config = (overrides: Partial<OnboardConfig> = {}): OnboardConfig => ({
  app_id: '1234567890',
  config_id: '998877',
  graph_api_version: 'v25.0',
  // A fresh address per test: the loader keeps one SDK per address.
  sdk_url: `https://connect.facebook.net/en_US/sdk.js?test=${++sdkCount}`,
  webhook_url: 'https://parley.example.com/webhooks/whatsapp/acme',
  preflight: [
    { key: 'app_id', ok: true, message: null },
    { key: 'public_url', ok: true, message: null },
  ],
  ready: true,
  connected: null,
  ...overrides,
});

const steps = (failed?: OnboardingStep['step']): OnboardingStep[] =>
  (
    ['exchange_code', 'debug_token', 'subscribe_app', 'register_number', 'number_details', 'store'] as const
  ).map((step, i, all) => {
    const failedAt = failed ? all.indexOf(failed) : all.length;
    return {
      step,
      status: i < failedAt ? 'succeeded' : i === failedAt ? 'failed' : 'pending',
      error: i === failedAt ? '(#133005) Two step verification PIN mismatch' : null,
      finished_at: null,
    };
  });

/** A stand-in for Meta's SDK: remembers FB.login's callback and options for the test to answer. */
function stubFacebook() {
  const fb = {
    init: vi.fn(),
    login: vi.fn<(cb: (r: FacebookLoginResponse) => void, options: FacebookLoginOptions) => void>(),
  };
  vi.stubGlobal('FB', fb);
  return {
    fb,
    answer: (response: FacebookLoginResponse) => act(() => fb.login.mock.calls.at(-1)![0](response)),
  };
}

function post(origin: string, event: string, data: Record<string, unknown>) {
  act(() => {
    window.dispatchEvent(
      new MessageEvent('message', {
        origin,
        data: JSON.stringify({ type: 'WA_EMBEDDED_SIGNUP', event, data }),
      }),
    );
  });
}

describe('OnboardingPage', () => {
  beforeEach(() => signInAsTenantAdmin());
  afterEach(() => vi.unstubAllGlobals());

  it('shows the preflight list, and no Facebook button until the platform is ready', async () => {
    mockApi({
      [`GET ${CONFIG}`]: config({
        ready: false,
        config_id: null,
        preflight: [
          { key: 'config_id', ok: false, message: 'Set FB_CONFIG_ID to the Embedded Signup configuration.' },
        ],
      }),
    });
    renderWithProviders(<OnboardingPage />);
    expect(await screen.findByText('Set FB_CONFIG_ID to the Embedded Signup configuration.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect WhatsApp' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Connect number' })).toBeTruthy();
  });

  it('pairs the code with the session info from Facebook only, posts them and shows the steps', async () => {
    const { fb, answer } = stubFacebook();
    const api = mockApi({
      [`GET ${CONFIG}`]: config(),
      [`POST ${ONBOARD}`]: {
        status: 'completed',
        ...SESSION,
        display_phone_number: '+1 555-078-3881',
        verified_name: 'Acme Dental',
        quality_rating: 'GREEN',
        steps: steps(),
      },
    });
    renderWithProviders(<OnboardingPage />);
    const button = await screen.findByRole('button', { name: 'Connect WhatsApp' });
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    expect(fb.init).toHaveBeenCalledWith(expect.objectContaining({ appId: '1234567890', version: 'v25.0' }));

    await userEvent.click(button);
    expect(fb.login.mock.calls[0][1]).toMatchObject({
      config_id: '998877',
      response_type: 'code',
      override_default_response_type: true,
      extras: { setup: {}, featureType: '', sessionInfoVersion: '3' },
    });
    post('https://evil.example', 'FINISH', { ...SESSION, phone_number_id: '666' });
    post('https://www.facebook.com', 'FINISH', SESSION);
    expect(api.sent('POST', ONBOARD)).toHaveLength(0);
    answer({ authResponse: { code: 'AQB-code' }, status: 'connected' });

    expect(await screen.findByText(/Connected: \+1 555-078-3881/)).toBeTruthy();
    expect(api.sent('POST', ONBOARD).map((c) => c.body)).toEqual([{ code: 'AQB-code', ...SESSION }]);
    expect(screen.getByText('Registering the phone number')).toBeTruthy();
  });

  it('explains a failed step in plain words and retries the same signup', async () => {
    const { answer } = stubFacebook();
    const api = mockApi({
      [`GET ${CONFIG}`]: config(),
      [`POST ${ONBOARD}`]: new ApiReply(502, {
        statusCode: 502,
        error: 'Bad Gateway',
        message:
          'Onboarding failed at step register_number: Meta answered: (#133005) Two step verification PIN mismatch',
        failed_step: 'register_number',
        steps: steps('register_number'),
      }),
    });
    renderWithProviders(<OnboardingPage />);
    const button = await screen.findByRole('button', { name: 'Connect WhatsApp' });
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    await userEvent.click(button);
    answer({ authResponse: { code: 'AQB-code' } });
    post('https://web.facebook.com', 'FINISH', SESSION);

    expect(await screen.findByText(/If it has two-step verification, turn it off/)).toBeTruthy();
    // Meta's words once, under the failed step (not again in the advice).
    expect(screen.getAllByText(/Two step verification PIN mismatch/)).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Retry the failed step' }));
    await waitFor(() => expect(api.sent('POST', ONBOARD)).toHaveLength(2));
    expect(api.sent('POST', ONBOARD)[1].body).toEqual(api.sent('POST', ONBOARD)[0].body);
  });

  it("says where the tenant left Facebook's window, and posts nothing", async () => {
    const { answer } = stubFacebook();
    const api = mockApi({ [`GET ${CONFIG}`]: config() });
    renderWithProviders(<OnboardingPage />);
    const button = await screen.findByRole('button', { name: 'Connect WhatsApp' });
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    await userEvent.click(button);
    answer({ authResponse: null, status: 'unknown' });
    post('https://www.facebook.com', 'CANCEL', { current_step: 'PHONE_NUMBER_SETUP' });
    expect(await screen.findByText(/at the “phone number setup” step. Nothing was connected./)).toBeTruthy();
    expect(api.sent('POST', ONBOARD)).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Connect again with Facebook' })).toBeTruthy();
  });
});
