import { describe, expect, it } from 'vitest';
import { maskPayload } from './mask-payload';

describe('maskPayload', () => {
  it('masks secret-looking keys at any depth and leaves masked values and the rest alone', () => {
    expect(
      maskPayload({
        entry: [{ changes: [{ value: { access_token: 'EAAGabcdefgh1234', text: { body: 'hi' } } }] }],
        app_secret: '***9876',
        headers: { Authorization: 'Bearer abc' },
        phone_number_id: '1234567890',
      }),
    ).toEqual({
      entry: [{ changes: [{ value: { access_token: '***1234', text: { body: 'hi' } } }] }],
      app_secret: '***9876',
      headers: { Authorization: '*** abc' },
      phone_number_id: '1234567890',
    });
  });
});
