import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-client';
import { ErrorState } from './States';

describe('ErrorState', () => {
  it("says a missing thing is not found, in the API's words, without a retry", () => {
    render(<ErrorState error={new ApiError(404, 'Conversation nope not found')} onRetry={() => undefined} />);
    expect(screen.getByText('Not found')).toBeTruthy();
    expect(screen.getByText('Conversation nope not found')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('offers a retry for other failures', () => {
    render(<ErrorState error={new ApiError(500, 'Internal server error')} onRetry={() => undefined} />);
    expect(screen.getByText('Something went wrong')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
