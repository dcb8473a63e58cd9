import { screen } from '@testing-library/react';
import type { ConversationPage } from '@parley/shared-types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { conversationFixture, signInAsPlatformAdmin } from '../../../test/tenant';
import { RecentConversationsCard } from './RecentConversationsCard';

const ROUTE = '/api/v1/admin/tenants/acme/conversations';
const conversation = conversationFixture();

function answer(status: number, body: unknown) {
  const calls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: URL | string) => {
      calls.push(new URL(String(input)));
      return Response.json(body, { status });
    }),
  );
  return calls;
}

describe('RecentConversationsCard', () => {
  beforeEach(() => {
    signInAsPlatformAdmin();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the ten latest conversations from the platform route', async () => {
    const page: ConversationPage = { items: [conversation], total: 14, page: 1, page_size: 10 };
    const calls = answer(200, page);
    renderWithProviders(<RecentConversationsCard tenantId="acme" />);
    await screen.findByText('Priya');
    expect(screen.getByText('+919876543210')).toBeTruthy();
    expect(screen.getByText('We open at 9 am.')).toBeTruthy();
    expect(screen.getByText('Priya Sharma')).toBeTruthy();
    expect(screen.getByText('The latest 10 of 14 conversations.')).toBeTruthy();
    expect(calls[0].pathname).toBe(ROUTE);
    expect(Object.fromEntries(calls[0].searchParams)).toEqual({ page: '1', page_size: '10' });
  });

  it('says "no conversations yet" for an empty page', async () => {
    answer(200, { items: [], total: 0, page: 1, page_size: 10 });
    renderWithProviders(<RecentConversationsCard tenantId="acme" />);
    await screen.findByText('No conversations yet');
  });

  it('says the pipeline is not connected when the server has no such route, without retrying', async () => {
    const calls = answer(404, { statusCode: 404, error: 'Not Found', message: `Cannot GET ${ROUTE}?page=1` });
    renderWithProviders(<RecentConversationsCard tenantId="acme" />);
    await screen.findByText('Available once the message pipeline is connected');
    expect(calls).toHaveLength(1);
  });
});
