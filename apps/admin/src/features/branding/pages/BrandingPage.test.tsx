import type { TenantResponse } from '@parley/shared-types';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiReply, mockApi, signInAsTenantAdmin, tenantFixture } from '../../../test/tenant';
import { BrandingPage } from './BrandingPage';

const SETTINGS = '/api/v1/tenant/settings';

describe('BrandingPage', () => {
  beforeEach(() => signInAsTenantAdmin());
  afterEach(() => vi.unstubAllGlobals());

  it('says so when the account may not see the settings, and offers a retry when the server fails', async () => {
    mockApi({
      [`GET ${SETTINGS}`]: new ApiReply(403, {
        statusCode: 403,
        error: 'Forbidden',
        message: 'This account is suspended',
      }),
    });
    renderWithProviders(<BrandingPage />);
    expect(await screen.findByText('You do not have access to this')).toBeTruthy();
    expect(screen.getByText('This account is suspended')).toBeTruthy();

    vi.unstubAllGlobals();
    mockApi({
      [`GET ${SETTINGS}`]: new ApiReply(503, {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Database unavailable',
      }),
    });
    renderWithProviders(<BrandingPage />);
    expect(await screen.findByText('Something went wrong', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it("asks the name in the preview in the tenant's own words when it has written them", async () => {
    mockApi({ [`GET ${SETTINGS}`]: tenantFixture({ bot_texts: { ask_name: 'Who am I talking to?' } }) });
    renderWithProviders(<BrandingPage />);
    expect(await screen.findByText('Who am I talking to?')).toBeTruthy();
  });

  it('updates the preview as the admin types, and checks the logo address before saving', async () => {
    const api = mockApi({
      [`GET ${SETTINGS}`]: tenantFixture(),
      [`PATCH ${SETTINGS}`]: (body: { branding: TenantResponse['branding'] }) =>
        tenantFixture({
          branding: (body as { branding: { welcome_message: string; logo_url: string } }).branding,
        }),
    });
    renderWithProviders(<BrandingPage />);
    const welcome = await screen.findByLabelText('Welcome message');
    expect(screen.getByText('No welcome message set')).toBeTruthy();

    await userEvent.type(welcome, 'Hello from *Acme*');
    expect(screen.getByTestId('wa-welcome').textContent).toContain('Hello from Acme');
    expect(screen.getByTestId('wa-welcome').querySelector('strong')?.textContent).toBe('Acme');

    await userEvent.type(screen.getByLabelText('Logo URL'), 'logo.png');
    expect(screen.queryByTestId('wa-logo')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText(/Enter the full http\(s\) address of the image/)).toBeTruthy();
    expect(api.sent('PATCH', SETTINGS)).toHaveLength(0);

    await userEvent.clear(screen.getByLabelText('Logo URL'));
    await userEvent.type(screen.getByLabelText('Logo URL'), 'https://cdn.example.com/acme.png');
    expect(screen.getByTestId('wa-logo')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.sent('PATCH', SETTINGS)).toHaveLength(1));
    expect(api.sent('PATCH', SETTINGS)[0].body).toEqual({
      branding: { welcome_message: 'Hello from *Acme*', logo_url: 'https://cdn.example.com/acme.png' },
    });
    expect(await screen.findByText('Saved')).toBeTruthy();
  });
});
