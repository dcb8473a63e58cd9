import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { splitApiError } from './api-errors';

describe('splitApiError', () => {
  const paths = { 'branding.logo_url': 'logo', 'branding.welcome_message': 'welcome' } as const;

  it("puts each of the API's problems next to its field, and keeps the rest", () => {
    const error = new ApiError(400, 'joined', [
      'branding.logo_url must be an http(s) URL of the image',
      'property colour should not exist',
    ]);
    expect(splitApiError(error, paths)).toEqual({
      fields: { logo: 'Must be an http(s) URL of the image' },
      other: ['property colour should not exist'],
    });
  });

  it('uses the message when there are no details, and the longest matching path', () => {
    const error = new ApiError(400, 'zoho.api_url must be the http(s) URL of a Zoho API domain');
    expect(splitApiError(error, { zoho: 'all', 'zoho.api_url': 'api' })).toEqual({
      fields: { api: 'Must be the http(s) URL of a Zoho API domain' },
      other: [],
    });
    expect(splitApiError(new ApiError(409, 'Already taken'), paths)).toEqual({
      fields: {},
      other: ['Already taken'],
    });
  });

  it("reads the lead parser's `field: re-ask` messages", () => {
    const error = new ApiError(400, "phone: That doesn't look like a phone number.");
    expect(splitApiError(error, { phone: 'phone' }).fields).toEqual({
      phone: "That doesn't look like a phone number.",
    });
  });

  it('keeps network failures as they are', () => {
    expect(splitApiError(new Error('offline'), paths).other).toEqual(['offline']);
  });
});
