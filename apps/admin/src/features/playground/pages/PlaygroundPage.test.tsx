import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiReply, mockApi, signInAsTenantAdmin } from '../../../test/tenant';
import { PlaygroundPage } from './PlaygroundPage';

const MESSAGES = '/api/v1/tenant/playground/messages';

describe('PlaygroundPage', () => {
  beforeEach(() => signInAsTenantAdmin());
  afterEach(() => vi.unstubAllGlobals());

  it('sends as the simulated number and shows text, image and button replies', async () => {
    const api = mockApi({
      [`POST ${MESSAGES}`]: (body: { text: string }) => ({
        conversation_id: 'conv-1',
        wamid: 'wamid.sim1',
        replies:
          body.text === 'Hi'
            ? [
                { type: 'text', text: 'Welcome to *Acme*!' },
                { type: 'image', link: 'https://cdn.acme.test/logo.png', caption: 'Our clinic' },
                { type: 'interactive', text: 'Book a visit?', buttons: ['Book now', 'Not now'] },
              ]
            : [{ type: 'text', text: 'Great, see you soon.' }],
      }),
    });
    renderWithProviders(<PlaygroundPage />);
    await userEvent.clear(screen.getByLabelText('Phone number'));
    await userEvent.type(screen.getByLabelText('Phone number'), '+91 98765 43210');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('Book a visit?')).toBeTruthy();
    expect(screen.getByText('Acme').tagName).toBe('STRONG');
    expect(screen.getByRole('img', { name: 'Our clinic' }).getAttribute('src')).toBe(
      'https://cdn.acme.test/logo.png',
    );
    expect(api.sent('POST', MESSAGES)[0].body).toEqual({
      from: '919876543210',
      text: 'Hi',
      profile_name: 'Test Customer',
    });
    expect(screen.getByLabelText<HTMLInputElement>('Phone number').disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Book now' }));
    expect(await screen.findByText('Great, see you soon.')).toBeTruthy();
    expect(api.sent('POST', MESSAGES)[1].body).toMatchObject({ text: 'Book now' });
    expect(screen.getByRole('link', { name: 'See it in Conversations' }).getAttribute('href')).toBe(
      '/conversations/conv-1',
    );
  });

  it('marks a message the API refused, and starts over only after confirming', async () => {
    const api = mockApi({
      [`POST ${MESSAGES}`]: new ApiReply(409, {
        statusCode: 409,
        message: 'Connect a WhatsApp number first',
      }),
      [`DELETE ${MESSAGES}`]: new ApiReply(200, null),
    });
    renderWithProviders(<PlaygroundPage />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Connect a WhatsApp number first')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Not delivered' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(api.sent('DELETE', MESSAGES)).toHaveLength(0);
    const dialog = screen.getByRole('dialog', { name: 'Start over with this number?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start over' }));
    await waitFor(() => expect(api.sent('DELETE', MESSAGES)).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('Connect a WhatsApp number first')).toBeNull());
  });
});
