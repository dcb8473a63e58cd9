import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiReply, configFixture, mockApi, signInAsTenantAdmin } from '../../../test/tenant';
import { WhatsAppPage } from './WhatsAppPage';

const CONFIG = '/api/v1/tenant/config';
const NONE = new ApiReply(404, {
  statusCode: 404,
  error: 'Not Found',
  message: 'This tenant has no WhatsApp configuration yet',
});

describe('WhatsAppPage', () => {
  beforeEach(() => signInAsTenantAdmin());
  afterEach(() => vi.unstubAllGlobals());

  it('offers the manual form when no number is connected, and checks it before sending', async () => {
    const api = mockApi({ [`GET ${CONFIG}`]: NONE });
    renderWithProviders(<WhatsAppPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Connect number' }));
    expect(screen.getByText('Enter the phone number id from Meta')).toBeTruthy();
    expect(screen.getByText('Enter the WhatsApp Business Account id')).toBeTruthy();
    expect(screen.getByText('Paste the access token')).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Phone number id'), '+1 555 0783881');
    await userEvent.click(screen.getByRole('button', { name: 'Connect number' }));
    expect(screen.getByText('The phone number id is digits only (not the phone number itself)')).toBeTruthy();
    expect(api.sent('POST', CONFIG)).toHaveLength(0);
    expect(screen.getByRole('link', { name: 'Connect with Facebook' }).getAttribute('href')).toBe(
      '/onboarding',
    );
  });

  it('sends the manual setup and shows the API refusal next to the field', async () => {
    const api = mockApi({
      [`GET ${CONFIG}`]: NONE,
      [`POST ${CONFIG}`]: new ApiReply(409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'phone_number_id 106540352242922 is already connected to another tenant',
      }),
    });
    renderWithProviders(<WhatsAppPage />);
    await userEvent.type(await screen.findByLabelText('Phone number id'), '106540352242922');
    await userEvent.type(screen.getByLabelText('WhatsApp Business Account id'), '102290129340398');
    await userEvent.type(screen.getByLabelText('Access token'), 'EAAG-system-user-token');
    await userEvent.click(screen.getByRole('button', { name: 'Connect number' }));
    expect(await screen.findByText('106540352242922 is already connected to another tenant')).toBeTruthy();
    expect(screen.getByLabelText('Phone number id').getAttribute('aria-invalid')).toBe('true');
    expect(api.sent('POST', CONFIG)[0].body).toEqual({
      phone_number_id: '106540352242922',
      waba_id: '102290129340398',
      access_token: 'EAAG-system-user-token',
      display_phone_number: null,
      onboarding_completed: true,
    });
  });

  it('shows secrets masked, and reveals them only after confirming', async () => {
    const api = mockApi({
      [`GET ${CONFIG}`]: configFixture(),
      [`GET ${CONFIG}/full`]: configFixture({
        access_token: 'EAAG-full-token-k9Qz',
        webhook_verify_token: 'verify-me-Xy12',
      }),
    });
    renderWithProviders(<WhatsAppPage />);
    expect(await screen.findAllByText('***k9Qz')).toHaveLength(1);
    expect(screen.getByText('https://parley.example.com/webhooks/whatsapp/acme')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy the verify token' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Reveal to copy' }));
    const dialog = screen.getByRole('dialog', { name: 'Reveal the secrets?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.sent('GET', `${CONFIG}/full`)).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Reveal secrets' }));
    await userEvent.click(
      within(screen.getByRole('dialog', { name: 'Reveal the secrets?' })).getByRole('button', {
        name: 'Reveal',
      }),
    );
    expect(await screen.findByText('EAAG-full-token-k9Qz')).toBeTruthy();
    expect(screen.getByText('verify-me-Xy12')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy the verify token' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Hide secrets' }));
    expect(screen.queryByText('EAAG-full-token-k9Qz')).toBeNull();
    expect(api.sent('GET', `${CONFIG}/full`)).toHaveLength(1);
  });

  it('edits with empty secret boxes and sends only what changed', async () => {
    const api = mockApi({
      [`GET ${CONFIG}`]: configFixture(),
      [`PUT ${CONFIG}`]: (body: object) => configFixture(body),
    });
    renderWithProviders(<WhatsAppPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const token = screen.getByLabelText<HTMLInputElement>('Access token');
    expect(token.value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Verify token').value).toBe('');

    await userEvent.clear(screen.getByLabelText('Display phone number'));
    await userEvent.type(screen.getByLabelText('Display phone number'), '+1 555-000-1111');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.sent('PUT', CONFIG)).toHaveLength(1));
    expect(api.sent('PUT', CONFIG)[0].body).toEqual({ display_phone_number: '+1 555-000-1111' });

    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.type(screen.getByLabelText('Access token'), 'EAAG-new-token-1234');
    await userEvent.type(screen.getByLabelText('Verify token'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText('Use 8 to 200 characters')).toBeTruthy();
    await userEvent.clear(screen.getByLabelText('Verify token'));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.sent('PUT', CONFIG)).toHaveLength(2));
    expect(api.sent('PUT', CONFIG)[1].body).toEqual({ access_token: 'EAAG-new-token-1234' });
  });

  it('asks before pausing the bot', async () => {
    const api = mockApi({
      [`GET ${CONFIG}`]: configFixture(),
      [`POST ${CONFIG}/deactivate`]: configFixture({ is_active: false }),
    });
    renderWithProviders(<WhatsAppPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Pause bot' }));
    const dialog = screen.getByRole('dialog', { name: 'Pause the bot on this number?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Pause bot' }));
    expect(await screen.findByText('Paused: messages are not answered')).toBeTruthy();
    expect(api.sent('POST', `${CONFIG}/deactivate`)).toHaveLength(1);
  });

  it('shows credential health with the last check, and checks again on request', async () => {
    const health = (status: 'ok' | 'invalid', error: string | null) => ({
      overall: status,
      credentials: [
        {
          credential: 'whatsapp',
          status,
          last_error: error,
          expires_at: null,
          checked_at: '2026-11-20T10:00:00.000Z',
        },
      ],
    });
    const api = mockApi({
      [`GET ${CONFIG}`]: configFixture(),
      'GET /api/v1/tenant/health': health('invalid', 'Meta says the token was revoked (190).'),
      'POST /api/v1/tenant/health/check': health('ok', null),
    });
    renderWithProviders(<WhatsAppPage />);
    expect(await screen.findByText('Meta says the token was revoked (190).')).toBeTruthy();
    expect(screen.getByText('Not working')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('Working')).toBeTruthy();
    expect(screen.queryByText('Meta says the token was revoked (190).')).toBeNull();
    expect(api.sent('POST', '/api/v1/tenant/health/check')).toHaveLength(1);
  });
});
