import { apiDomainFor, dataCentreMismatch } from './zoho-data-centres';
import { refreshMarginMs } from './zoho-token-cache';

describe('Zoho data centres', () => {
  it('knows the API domain of each accounts server', () => {
    expect(apiDomainFor('https://accounts.zoho.eu')).toBe('https://www.zohoapis.eu');
    expect(apiDomainFor('https://accounts.zohocloud.ca')).toBe('https://www.zohoapis.ca');
    expect(apiDomainFor('https://accounts.zoho.com.au/')).toBe('https://www.zohoapis.com.au');
    expect(apiDomainFor('http://127.0.0.1:4100/us/accounts')).toBeNull();
  });

  it('says when the accounts server and the API domain are in different data centres', () => {
    expect(dataCentreMismatch('https://accounts.zoho.in', 'https://www.zohoapis.in')).toBeNull();
    expect(dataCentreMismatch('https://accounts.zoho.eu', 'https://www.zohoapis.com')).toBe(
      "the accounts server https://accounts.zoho.eu is in Zoho's EU data centre but the API domain https://www.zohoapis.com is in US",
    );
    expect(dataCentreMismatch('http://localhost/eu/accounts', 'https://www.zohoapis.com')).toBeNull();
  });

  it('refreshes tokens five minutes before expiry, or a tenth early for short lifetimes', () => {
    expect(refreshMarginMs(3600)).toBe(300_000);
    expect(refreshMarginMs(60)).toBe(6_000);
  });
});
