import { ZOHO_DATA_CENTRES } from '@parley/shared-types';
import { describe, expect, it } from 'vitest';
import { DATA_CENTRE_OPTIONS, dataCentreChoiceOf, dataCentreUrls } from './zoho-data-centres';

describe('Zoho data centres', () => {
  it("offers Zoho's eight data centres between the server default and typed addresses", () => {
    expect(ZOHO_DATA_CENTRES.map((dc) => dc.code)).toEqual(['US', 'EU', 'IN', 'AU', 'JP', 'CN', 'CA', 'SA']);
    expect(DATA_CENTRE_OPTIONS.map((o) => o.value)).toEqual([
      'default',
      'US',
      'EU',
      'IN',
      'AU',
      'JP',
      'CN',
      'CA',
      'SA',
      'custom',
    ]);
  });

  it('maps each data centre to its accounts server and API domain', () => {
    expect(dataCentreUrls('CA')).toEqual({
      accounts_url: 'https://accounts.zohocloud.ca',
      api_url: 'https://www.zohoapis.ca',
    });
    expect(dataCentreUrls('AU')).toEqual({
      accounts_url: 'https://accounts.zoho.com.au',
      api_url: 'https://www.zohoapis.com.au',
    });
    expect(dataCentreUrls('default')).toEqual({ accounts_url: null, api_url: null });
  });

  it('recognises stored addresses only when both belong to one data centre', () => {
    expect(dataCentreChoiceOf(null, null)).toBe('default');
    expect(dataCentreChoiceOf('https://accounts.zoho.in', 'https://www.zohoapis.in')).toBe('IN');
    expect(dataCentreChoiceOf('https://accounts.zoho.in/', null)).toBe('IN');
    expect(dataCentreChoiceOf('https://accounts.zoho.in', 'https://www.zohoapis.eu')).toBe('custom');
    expect(dataCentreChoiceOf('http://127.0.0.1:4100/us/accounts', null)).toBe('custom');
  });
});
