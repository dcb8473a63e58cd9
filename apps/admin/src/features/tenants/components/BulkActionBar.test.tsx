import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { renderWithProviders } from '../../../test/render';
import { BulkActionBar } from './BulkActionBar';

describe('BulkActionBar', () => {
  it('asks before deleting, with a typed phrase that names the count', async () => {
    const onStart = vi.fn(async () => undefined);
    renderWithProviders(
      <BulkActionBar count={3} matchingAll={false} onStart={onStart} onClear={() => undefined} />,
    );
    expect(screen.getByText('3 tenants')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole<HTMLButtonElement>('button', { name: 'Delete 3 tenants' });
    expect(screen.getByText('DELETE 3 TENANTS')).toBeTruthy();
    expect(confirm.disabled).toBe(true);

    const input = screen.getByRole('textbox');
    await userEvent.type(input, 'DELETE 2 TENANTS');
    expect(confirm.disabled).toBe(true);
    expect(screen.getByText('That is not the phrase yet; type it exactly as shown.')).toBeTruthy();
    await userEvent.type(input, '{enter}');
    expect(onStart).not.toHaveBeenCalled();

    await userEvent.clear(input);
    await userEvent.type(input, 'DELETE 3 TENANTS');
    expect(confirm.disabled).toBe(false);
    await userEvent.click(confirm);
    expect(onStart).toHaveBeenCalledWith('delete', 'DELETE 3 TENANTS');
  });

  it('asks plainly for activate and deactivate, and says "every tenant matching" for a filter selection', async () => {
    const onStart = vi.fn(async () => undefined);
    renderWithProviders(<BulkActionBar count={1} matchingAll onStart={onStart} onClear={() => undefined} />);
    expect(screen.getByText(/every tenant matching the filters/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Deactivate' }));
    expect(screen.queryByRole('textbox')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Deactivate 1 tenant' }));
    expect(onStart).toHaveBeenCalledWith('deactivate', undefined);
  });

  it('offers the health check and the knowledge re-crawl, each with its own question', async () => {
    const onStart = vi.fn(async () => undefined);
    renderWithProviders(
      <BulkActionBar count={2} matchingAll={false} onStart={onStart} onClear={() => undefined} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Check health' }));
    expect(screen.getByText(/Nothing is changed/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Check the health of 2 tenants' }));
    expect(onStart).toHaveBeenCalledWith('health_check', undefined);

    await userEvent.click(screen.getByRole('button', { name: 'Re-crawl knowledge' }));
    expect(screen.getByText(/Tenants without knowledge sources are skipped/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Re-crawl the knowledge of 2 tenants' }));
    expect(onStart).toHaveBeenLastCalledWith('recrawl_knowledge', undefined);
  });

  it("keeps the question open with the API's message when starting fails", async () => {
    const onStart = vi.fn(async () => {
      throw new ApiError(400, 'confirmation must be exactly "DELETE 4 TENANTS"');
    });
    renderWithProviders(<BulkActionBar count={3} matchingAll onStart={onStart} onClear={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.type(screen.getByRole('textbox'), 'DELETE 3 TENANTS');
    await userEvent.click(screen.getByRole('button', { name: 'Delete 3 tenants' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('DELETE 4 TENANTS'));
    expect(screen.getByRole('button', { name: 'Delete 3 tenants' })).toBeTruthy();
  });
});
