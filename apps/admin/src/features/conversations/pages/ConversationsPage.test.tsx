import type { ConversationMessage } from '@parley/shared-types';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiReply, conversationFixture, mockApi, signInAsTenantAdmin } from '../../../test/tenant';
import { ConversationsPage } from './ConversationsPage';

const LIST = '/api/v1/tenant/conversations';
const summary = conversationFixture();
const message = (overrides: Partial<ConversationMessage>): ConversationMessage => ({
  id: overrides.text ?? 'm',
  direction: 'outbound',
  type: 'text',
  text: null,
  status: 'sent',
  error: null,
  wamid: null,
  created_at: '2026-11-20T10:00:00.000Z',
  status_updated_at: null,
  llm: null,
  ...overrides,
});

const routes = (
  <Routes>
    <Route path="/conversations" element={<ConversationsPage />} />
    <Route path="/conversations/:id" element={<ConversationsPage />} />
  </Routes>
);

describe('ConversationsPage', () => {
  beforeEach(() => signInAsTenantAdmin());
  afterEach(() => vi.unstubAllGlobals());

  it('lists contacts with their lead state and window, and opens a thread with delivery ticks', async () => {
    mockApi({
      [`GET ${LIST}`]: { items: [summary], total: 1, page: 1, page_size: 25 },
      [`GET ${LIST}/c1/messages`]: {
        items: [
          message({
            text: 'Failed one',
            status: 'failed',
            created_at: '2026-11-20T10:04:00.000Z',
            error: { code: 131047, title: 'Re-engagement message', detail: null },
          }),
          message({
            text: 'Hi',
            direction: 'inbound',
            status: 'processed',
            created_at: '2026-11-20T10:00:00.000Z',
          }),
          message({ text: 'Welcome', status: 'read', created_at: '2026-11-20T10:01:00.000Z' }),
          message({ text: 'Your name?', status: 'delivered', created_at: '2026-11-20T10:02:00.000Z' }),
          message({ text: 'We open at 9 am.', status: 'sent', created_at: '2026-11-20T10:03:00.000Z' }),
        ],
        total: 5,
        page: 1,
        page_size: 100,
      },
    });
    renderWithProviders(routes, { path: '/conversations' });
    expect(await screen.findByText('Captured lead')).toBeTruthy();
    expect(screen.getByText('Window closed')).toBeTruthy();
    expect(screen.getByText('Choose a conversation')).toBeTruthy();

    await userEvent.click(screen.getByRole('link', { name: /Priya Sharma/ }));
    expect(await screen.findByText('Welcome')).toBeTruthy();
    const bubbles = [...document.querySelectorAll('.thread-chat .wa-text')].map((b) => b.textContent);
    expect(bubbles).toEqual(['Hi', 'Welcome', 'Your name?', 'We open at 9 am.', 'Failed one']);
    expect(screen.getByRole('img', { name: 'Read' }).className).toContain('wa-ticks-read');
    expect(screen.getByRole('img', { name: 'Delivered' }).textContent).toBe('✓✓');
    expect(screen.getByRole('img', { name: 'Sent' }).textContent).toBe('✓');
    expect(screen.getByText('Not delivered: Re-engagement message (131047)')).toBeTruthy();
  });

  it('shows the empty and the forbidden states', async () => {
    mockApi({ [`GET ${LIST}`]: { items: [], total: 0, page: 1, page_size: 25 } });
    renderWithProviders(routes, { path: '/conversations' });
    expect(await screen.findByText('No conversations yet')).toBeTruthy();
    vi.unstubAllGlobals();

    mockApi({ [`GET ${LIST}`]: new ApiReply(403, { statusCode: 403, message: 'Tenant admins only' }) });
    renderWithProviders(routes, { path: '/conversations' });
    expect(await screen.findByText('You do not have access to this')).toBeTruthy();
  });

  it('notes the LLM call on the question it answered, or why it gave no answer', async () => {
    const llm = {
      provider: 'gemini',
      model: 'gemini-3.5-flash-lite',
      prompt_tokens: 10,
      completion_tokens: 5,
    };
    mockApi({
      [`GET ${LIST}`]: { items: [summary], total: 1, page: 1, page_size: 25 },
      [`GET ${LIST}/c1/messages`]: {
        items: [
          message({
            text: 'Open Saturday?',
            direction: 'inbound',
            llm: { ...llm, latency_ms: 6, error: null },
          }),
          message({
            text: 'And Sunday?',
            direction: 'inbound',
            created_at: '2026-11-20T10:05:00.000Z',
            llm: { ...llm, latency_ms: 20000, error: 'Gemini answered 503: overloaded' },
          }),
        ],
        total: 2,
        page: 1,
        page_size: 100,
      },
    });
    renderWithProviders(routes, { path: '/conversations/c1' });
    expect(await screen.findByText('Answered by gemini gemini-3.5-flash-lite in 6 ms')).toBeTruthy();
    expect(
      screen.getByText(/gave no answer \(the customer got the apology\): Gemini answered 503: overloaded/),
    ).toBeTruthy();
  });
});
