import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UnroutedWebhook } from '@parley/shared-types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { signInAsPlatformAdmin } from '../../../test/tenant';
import { UnroutedWebhooksPage } from './UnroutedWebhooksPage';

const LIST = '/api/v1/admin/webhooks/unrouted';
const webhook: UnroutedWebhook = {
  id: 'w1',
  phone_number_id: '1098765',
  display_phone_number: '+91 98 7654 3210',
  reason: 'unknown_number',
  event_count: 2,
  first_seen_at: '2030-01-01T00:00:00Z',
  last_seen_at: '2030-01-02T00:00:00Z',
  occurrences: 3,
};

/** A fake API; 'missing' answers every call as a server without the route would. */
function fakeApi(routes: 'present' | 'missing') {
  const calls: { path: string; method: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: URL | string, init?: RequestInit) => {
      const url = new URL(String(input));
      const method = init?.method ?? 'GET';
      calls.push({ path: url.pathname, method });
      if (routes === 'missing') {
        return Response.json(
          { statusCode: 404, error: 'Not Found', message: `Cannot ${method} ${url.pathname}` },
          { status: 404 },
        );
      }
      if (url.pathname === LIST) return Response.json({ items: [webhook], total: 1, page: 1, page_size: 25 });
      if (url.pathname === `${LIST}/w1` && method === 'GET') {
        return Response.json({
          ...webhook,
          payload: {
            entry: [{ changes: [{ value: { metadata: { phone_number_id: '1098765' } } }] }],
            access_token: 'EAAGsecretvalue9876',
          },
        });
      }
      if (url.pathname === `${LIST}/w1/replay`) return Response.json({ replayed: true });
      return new Response(null, { status: 204 });
    }),
  );
  return calls;
}

describe('UnroutedWebhooksPage', () => {
  beforeEach(() => {
    signInAsPlatformAdmin();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists, inspects with secrets masked, and replays only after confirming', async () => {
    const calls = fakeApi('present');
    renderWithProviders(<UnroutedWebhooksPage />, { path: '/unrouted-webhooks' });
    const row = (await screen.findByText('+91 98 7654 3210')).closest('tr')!;
    expect(within(row).getByText('Unknown number')).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Inspect' }));
    const payload = await screen.findByLabelText('Payload');
    expect(payload.textContent).toContain('"access_token": "***9876"');
    expect(payload.textContent).not.toContain('EAAGsecret');

    await userEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const confirm = await screen.findAllByRole('button', { name: 'Replay' });
    await userEvent.click(confirm.at(-1)!);
    await waitFor(() => expect(calls).toContainEqual({ path: `${LIST}/w1/replay`, method: 'POST' }));
  });

  it('shows an error that names the missing route on a server without it', async () => {
    fakeApi('missing');
    renderWithProviders(<UnroutedWebhooksPage />, { path: '/unrouted-webhooks' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This server cannot list unrouted webhooks');
    expect(alert.textContent).toContain(`Cannot GET ${LIST}`);
  });
});
