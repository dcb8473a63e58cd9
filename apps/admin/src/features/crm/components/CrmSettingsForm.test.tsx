import type { TenantResponse, UpdateTenantSettingsRequest } from '@parley/shared-types';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { tenantFixture } from '../../../test/tenant';
import { CrmSettingsForm } from './CrmSettingsForm';

function setup(tenant: TenantResponse) {
  const onSave = vi.fn(async (body: UpdateTenantSettingsRequest) => ({
    ...tenant,
    crm: body.crm ?? tenant.crm,
  }));
  renderWithProviders(<CrmSettingsForm tenant={tenant} onSave={onSave} saving={false} />);
  return onSave;
}

const hubspotTenant = tenantFixture({ crm: 'hubspot', hubspot: { api_key: '***9f2c' } });

describe('CrmSettingsForm: write-only secrets', () => {
  it('never puts the masked token into the box, shows it beside, and sends no token unless one is typed', async () => {
    const onSave = setup(hubspotTenant);
    const box = screen.getByLabelText<HTMLInputElement>('Private app token');
    expect(box.value).toBe('');
    expect(box.type).toBe('password');
    expect(screen.getByText('***9f2c')).toBeTruthy();

    // Switching CRM and back makes the form dirty without typing a secret.
    await userEvent.click(screen.getByLabelText(/Built-in list/));
    await userEvent.click(screen.getByLabelText(/HubSpot/));
    await userEvent.click(screen.getByLabelText(/Built-in list/));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ crm: 'local' }));
  });

  it('sends a typed token, trimmed, and refuses a pasted masked value before sending', async () => {
    const onSave = setup(tenantFixture());
    await userEvent.click(screen.getByLabelText(/HubSpot/));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Paste the value')).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Private app token'), '***9f2c');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('That is the masked value; paste the real one')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();

    await userEvent.clear(screen.getByLabelText('Private app token'));
    await userEvent.type(screen.getByLabelText('Private app token'), '  pat-na1-abc123  ');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({ crm: 'hubspot', hubspot: { api_key: 'pat-na1-abc123' } }),
    );
  });

  it("shows the API's field problems next to the field", async () => {
    const { ApiError } = await import('../../../lib/api-client');
    const onSave = vi.fn(async () => {
      throw new ApiError(400, 'joined', ['hubspot.api_key must be shorter than or equal to 2000 characters']);
    });
    renderWithProviders(<CrmSettingsForm tenant={hubspotTenant} onSave={onSave} saving={false} />);
    await userEvent.type(screen.getByLabelText('Private app token'), 'pat-long');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Must be shorter than or equal to 2000 characters')).toBeTruthy();
    expect(screen.getByLabelText('Private app token').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('CrmSettingsForm: Zoho data centre', () => {
  const zohoTenant = tenantFixture({
    crm: 'zoho',
    zoho: {
      client_id: '1000.ABC',
      client_secret: '***abcd',
      accounts_url: 'https://accounts.zoho.eu',
      api_url: 'https://www.zohoapis.eu',
      refresh_token: '***wxyz',
    },
  });

  it('recognises the stored data centre and sends both addresses of a newly chosen one', async () => {
    const onSave = setup(zohoTenant);
    const select = screen.getByLabelText<HTMLSelectElement>('Data centre');
    expect(select.value).toBe('EU');
    expect(screen.getByText('https://accounts.zoho.eu')).toBeTruthy();

    await userEvent.selectOptions(select, 'IN');
    expect(screen.getByText('https://www.zohoapis.in')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({
        crm: 'zoho',
        zoho: {
          client_id: '1000.ABC',
          accounts_url: 'https://accounts.zoho.in',
          api_url: 'https://www.zohoapis.in',
        },
      }),
    );
  });

  it('starts typed addresses from the data centre that was chosen', async () => {
    setup(zohoTenant);
    await userEvent.selectOptions(screen.getByLabelText('Data centre'), 'custom');
    expect(screen.getByLabelText<HTMLInputElement>('Accounts server').value).toBe('https://accounts.zoho.eu');
    expect(screen.getByLabelText<HTMLInputElement>('API domain (optional)').value).toBe(
      'https://www.zohoapis.eu',
    );
  });

  it('offers typed addresses for other servers and checks them', async () => {
    const onSave = setup(
      tenantFixture({
        ...zohoTenant,
        zoho: { ...zohoTenant.zoho, accounts_url: 'http://127.0.0.1:4100/us' },
      }),
    );
    const select = screen.getByLabelText<HTMLSelectElement>('Data centre');
    expect(select.value).toBe('custom');
    const accounts = screen.getByLabelText<HTMLInputElement>('Accounts server');
    expect(accounts.value).toBe('http://127.0.0.1:4100/us');

    await userEvent.clear(accounts);
    await userEvent.type(accounts, 'accounts.zoho.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter the http(s) address of the Zoho accounts server')).toBeTruthy();

    await userEvent.selectOptions(select, 'default');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({
        crm: 'zoho',
        zoho: { client_id: '1000.ABC', accounts_url: null, api_url: null },
      }),
    );
  });

  it('needs a client id, secret and refresh token when Zoho is chosen for the first time', async () => {
    const onSave = setup(tenantFixture());
    await userEvent.click(screen.getByLabelText(/Zoho CRM/));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText("Enter the client id from Zoho's API console")).toBeTruthy();
    expect(screen.getAllByText('Paste the value')).toHaveLength(2);
    expect(onSave).not.toHaveBeenCalled();
  });
});
