import type { Lead } from '@parley/shared-types';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiReply, mockApi, signInAsTenantAdmin } from '../../../test/tenant';
import { LeadsPage } from './LeadsPage';

const LEADS = '/api/v1/tenant/leads';

const lead = (overrides: Partial<Lead>): Lead => ({
  id: 'lead-1',
  first_name: 'Ana',
  last_name: 'Cruz',
  email: null,
  phone: '+919876543210',
  source: null,
  crm: 'hubspot',
  sync_state: 'synced',
  crm_id: '51',
  attempts: 1,
  last_error: null,
  last_attempt_at: null,
  next_attempt_at: null,
  synced_at: '2026-01-05T10:00:00.000Z',
  created_at: '2026-01-05T10:00:00.000Z',
  updated_at: '2026-01-05T10:00:00.000Z',
  ...overrides,
});

const page = (items: Lead[]) => ({ items, total: items.length, page: 1, page_size: 25 });
const crmStatus = {
  crm: 'hubspot',
  configured: true,
  status: 'unhealthy',
  last_error: null,
  checked_at: null,
  lead_source: null,
  leads: { pending: 0, synced: 1, failed: 1 },
};

describe('LeadsPage', () => {
  beforeEach(() => signInAsTenantAdmin());
  afterEach(() => vi.unstubAllGlobals());

  it('shows each lead with its sync state and why it failed, and retries a failed one', async () => {
    const failed = lead({
      id: 'lead-2',
      first_name: 'Ravi',
      last_name: null,
      sync_state: 'failed',
      attempts: 8,
      last_error: 'HubSpot refused the token',
    });
    const api = mockApi({
      [`GET ${LEADS}`]: page([lead({}), failed]),
      'GET /api/v1/tenant/crm': crmStatus,
      [`POST ${LEADS}/lead-2/retry`]: { ...failed, sync_state: 'pending' },
    });
    renderWithProviders(<LeadsPage />);
    const rows = await screen.findAllByRole('row');
    expect(within(rows[1]).getByText('Synced')).toBeTruthy();
    expect(within(rows[2]).getByText('Failed')).toBeTruthy();
    expect(within(rows[2]).getByText('HubSpot refused the token')).toBeTruthy();
    expect(within(rows[1]).queryByRole('button')).toBeNull();

    await userEvent.click(within(rows[2]).getByRole('button', { name: 'Retry sending Ravi to the CRM' }));
    expect(await screen.findByText('Ravi is queued for the CRM again.')).toBeTruthy();
    expect(api.sent('POST', `${LEADS}/lead-2/retry`)).toHaveLength(1);
  });

  it('filters by state through the address', async () => {
    const api = mockApi({ [`GET ${LEADS}`]: page([]), 'GET /api/v1/tenant/crm': crmStatus });
    renderWithProviders(<LeadsPage />, { path: '/leads?state=failed' });
    expect(await screen.findByText('No failed leads')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Failed/ }).getAttribute('aria-pressed')).toBe('true');
    expect(api.fetch.mock.calls.some(([url]) => (url as URL).search.includes('state=failed'))).toBe(true);
  });

  it('checks a lead added by hand before sending, and shows how the server read the phone', async () => {
    const api = mockApi({
      [`GET ${LEADS}`]: page([]),
      'GET /api/v1/tenant/crm': crmStatus,
      [`POST ${LEADS}`]: new ApiReply(400, {
        statusCode: 400,
        error: 'Bad Request',
        message:
          "phone: That doesn't look like a phone number. Please send it again with the country code, for example: +91 98765 43210",
      }),
    });
    renderWithProviders(<LeadsPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add lead' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a lead' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add lead' }));
    expect(within(dialog).getByText('Enter the person’s name')).toBeTruthy();
    expect(within(dialog).getByText('Enter a phone number')).toBeTruthy();
    expect(api.sent('POST', LEADS)).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('Name'), 'Ana Cruz');
    await userEvent.type(within(dialog).getByLabelText('Phone'), '98765 1');
    await userEvent.type(within(dialog).getByLabelText('Email (optional)'), 'ana@');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add lead' }));
    expect(within(dialog).getByText('Enter an email address like ana@example.com')).toBeTruthy();
    await userEvent.clear(within(dialog).getByLabelText('Email (optional)'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add lead' }));
    await waitFor(() => expect(api.sent('POST', LEADS)).toHaveLength(1));
    expect(api.sent('POST', LEADS)[0].body).toEqual({ name: 'Ana Cruz', phone: '98765 1', email: null });
    expect(await within(dialog).findByText(/^That doesn't look like a phone number/)).toBeTruthy();
    expect(within(dialog).getByLabelText('Phone').getAttribute('aria-invalid')).toBe('true');
  });
});
