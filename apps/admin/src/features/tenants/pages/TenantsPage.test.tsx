import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TenantResponse } from '@parley/shared-types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { signInAsPlatformAdmin } from '../../../test/tenant';
import { TenantsPage } from './TenantsPage';

const tenant = (i: number): TenantResponse => ({
  id: `t${i}`,
  name: `Tenant ${i}`,
  status: 'active',
  default_country: null,
  branding: { welcome_message: null, logo_url: null },
  crm: 'local',
  zoho: { client_id: null, client_secret: null, accounts_url: null, api_url: null, refresh_token: null },
  hubspot: { api_key: null },
  llm: { provider: 'gemini', model: null, allow_switch: true, system_prompt: null, gemini_api_key: null },
  bot_texts: {},
  lead_capture: { allow_skip_email: true },
  reengagement_template: null,
  whatsapp: null,
  created_at: '2030-01-01T00:00:00Z',
  updated_at: '2030-01-01T00:00:00Z',
});

/** A fake API: answers the list with 2 tenants of `total`, and records every request. */
function fakeApi(total = 40) {
  const calls: { url: URL; method: string; body: unknown }[] = [];
  const fetch = vi.fn(async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({
      url,
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    if (url.pathname === '/api/v1/admin/tenants') {
      return Response.json({ items: [tenant(1), tenant(2)], total, page: 1, page_size: 2 });
    }
    return Response.json({ statusCode: 404, error: 'Not Found', message: 'no' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

describe('TenantsPage', () => {
  beforeEach(() => {
    signInAsPlatformAdmin();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks the server for exactly the filters, sort and page in the address bar', async () => {
    const calls = fakeApi();
    renderWithProviders(<TenantsPage />, {
      path: '/tenants?status=suspended&crm=zoho&sort=created_at&page=2&junk=1',
    });
    await screen.findByText('Tenant 1');
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({
      status: 'suspended',
      crm: 'zoho',
      sort: 'created_at',
      order: 'desc',
      page: '2',
      page_size: '25',
    });
  });

  it('waits for a pause in typing before searching', async () => {
    const calls = fakeApi();
    renderWithProviders(<TenantsPage />, { path: '/tenants' });
    await screen.findByText('Tenant 1');
    await userEvent.type(screen.getByLabelText('Search'), 'acme');
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('search')).toBe('acme'));
    const searches = calls.map((c) => c.url.searchParams.get('search')).filter(Boolean);
    expect(searches).toEqual(['acme']);
  });

  it('selects every matching tenant and starts the bulk job with the filter; a new filter clears the selection', async () => {
    const calls = fakeApi(40);
    renderWithProviders(<TenantsPage />, { path: '/tenants?llm=ollama' });
    await screen.findByText('Tenant 1');
    await userEvent.click(screen.getByLabelText('Select every tenant on this page'));
    await userEvent.click(screen.getByRole('button', { name: 'Select all 40 tenants matching the filters' }));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByText('40 tenants')).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'active');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Bulk actions' })).toBeNull());

    await userEvent.click(await screen.findByLabelText('Select Tenant 2'));
    await userEvent.click(
      within(screen.getByRole('region', { name: 'Bulk actions' })).getByRole('button', { name: 'Activate' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Activate 1 tenant' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ action: 'activate', tenant_ids: ['t2'] });
  });
});
