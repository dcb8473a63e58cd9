import type { KnowledgeSource } from '@parley/shared-types';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiReply, mockApi, signInAsTenantAdmin } from '../../../test/tenant';
import { KnowledgePage } from './KnowledgePage';

const LIST = '/api/v1/tenant/knowledge-sources';
const source = (overrides: Partial<KnowledgeSource> = {}): KnowledgeSource => ({
  id: 'src-1',
  url: 'https://acme.test/',
  crawl_depth: 1,
  page_limit: 20,
  state: 'ready',
  progress: 100,
  pages_found: 2,
  pages_done: 2,
  chunk_count: 14,
  page_errors: [],
  error: null,
  last_crawled_at: '2026-11-20T10:00:00.000Z',
  created_at: '2026-11-20T09:59:00.000Z',
  updated_at: '2026-11-20T10:00:00.000Z',
  ...overrides,
});
const page = (items: KnowledgeSource[]) => ({ items, total: items.length, page: 1, page_size: 100 });

describe('KnowledgePage', () => {
  beforeEach(() => signInAsTenantAdmin());
  afterEach(() => vi.unstubAllGlobals());

  it('says there is nothing yet, checks the form, and sends a valid website', async () => {
    const api = mockApi({
      [`GET ${LIST}`]: page([]),
      [`POST ${LIST}`]: new ApiReply(409, {
        statusCode: 409,
        message: 'url: This website is already in the knowledge',
      }),
    });
    renderWithProviders(<KnowledgePage />);
    expect(await screen.findByText('No websites yet')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Add website' }));
    expect(screen.getByText('Enter the address of a page of your website')).toBeTruthy();
    expect(api.sent('POST', LIST)).toHaveLength(0);

    await userEvent.type(screen.getByLabelText('Web address'), 'https://acme.test/');
    await userEvent.clear(screen.getByLabelText('Page limit'));
    await userEvent.type(screen.getByLabelText('Page limit'), '50');
    await userEvent.click(screen.getByRole('button', { name: 'Add website' }));
    await waitFor(() =>
      expect(api.sent('POST', LIST).map((c) => c.body)).toEqual([
        { url: 'https://acme.test/', crawl_depth: 1, page_limit: 50 },
      ]),
    );
    expect(await screen.findByText('This website is already in the knowledge')).toBeTruthy();
  });

  it('shows progress while a source ingests, and errors and counts when done', async () => {
    mockApi({
      [`GET ${LIST}`]: page([
        source({
          id: 'a',
          url: 'https://acme.test/prices',
          state: 'crawling',
          progress: 40,
          pages_found: 5,
          pages_done: 2,
        }),
        source({
          id: 'b',
          url: 'https://old.acme.test/',
          state: 'failed',
          error: 'The site answered 503',
          page_errors: [{ url: 'https://old.acme.test/a.pdf', error: 'Not an HTML page' }],
        }),
      ]),
    });
    renderWithProviders(<KnowledgePage />);
    const bar = await screen.findByRole('progressbar', { name: 'Progress of https://acme.test/prices' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('40% · 2 of 5 pages')).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Read https://acme.test/prices again' }).hasAttribute('disabled'),
    ).toBe(true);
    expect(screen.getByText('The site answered 503')).toBeTruthy();
    expect(screen.getByText('1 page could not be used')).toBeTruthy();
  });

  it('re-crawls at once and deletes only after confirming', async () => {
    const api = mockApi({
      [`GET ${LIST}`]: page([source()]),
      [`POST ${LIST}/src-1/recrawl`]: source({ state: 'queued' }),
      [`DELETE ${LIST}/src-1`]: new ApiReply(200, null),
    });
    renderWithProviders(<KnowledgePage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Read https://acme.test/ again' }));
    await waitFor(() => expect(api.sent('POST', `${LIST}/src-1/recrawl`)).toHaveLength(1));

    await userEvent.click(screen.getByRole('button', { name: 'Delete https://acme.test/' }));
    expect(api.sent('DELETE', `${LIST}/src-1`)).toHaveLength(0);
    const dialog = screen.getByRole('dialog', { name: 'Delete this website from the knowledge?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.sent('DELETE', `${LIST}/src-1`)).toHaveLength(1));
  });
});
