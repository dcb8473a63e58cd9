import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiReply, mockApi, signInAsTenantAdmin, tenantFixture } from '../../../test/tenant';
import { CrmSettingsForm } from './CrmSettingsForm';

const AUTHORIZE = '/api/v1/tenant/crm/zoho/authorize-url';
const zohoTenant = tenantFixture({
  crm: 'zoho',
  zoho: {
    client_id: '1000.ABC',
    client_secret: '***cret',
    accounts_url: 'https://accounts.zoho.in',
    api_url: 'https://www.zohoapis.in',
    refresh_token: null,
  },
});
const render = (tenant = zohoTenant) =>
  renderWithProviders(<CrmSettingsForm tenant={tenant} onSave={vi.fn()} saving={false} />);

describe('Connect with Zoho', () => {
  beforeEach(() => signInAsTenantAdmin());
  afterEach(() => vi.unstubAllGlobals());

  it("asks the API for Zoho's consent address on click and goes there", async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign, origin: window.location.origin });
    const consent = 'https://accounts.zoho.in/oauth/v2/auth?client_id=1000.ABC&state=s1';
    const api = mockApi({ [`GET ${AUTHORIZE}`]: { url: consent } });
    render();
    await userEvent.click(screen.getByRole('button', { name: 'Connect with Zoho' }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith(consent));
    expect(api.sent('GET', AUTHORIZE)).toHaveLength(1);
  });

  it("shows the API's refusal, and waits for unsaved changes", async () => {
    mockApi({
      [`GET ${AUTHORIZE}`]: new ApiReply(400, {
        statusCode: 400,
        message: 'Save the Zoho client id and secret first',
      }),
    });
    render();
    await userEvent.click(screen.getByRole('button', { name: 'Connect with Zoho' }));
    expect(await screen.findByText('Save the Zoho client id and secret first')).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Client id'), 'X');
    expect(screen.getByRole('button', { name: 'Connect with Zoho' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText(/Save your changes first/)).toBeTruthy();
  });

  it('offers to connect again once a refresh token is stored', () => {
    render(tenantFixture({ ...zohoTenant, zoho: { ...zohoTenant.zoho, refresh_token: '***oken' } }));
    expect(screen.getByRole('button', { name: 'Connect Zoho again' })).toBeTruthy();
  });
});
