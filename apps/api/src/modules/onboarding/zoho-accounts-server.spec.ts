import { allowedAccountsServer } from './zoho-accounts-server';

const trusted = ['https://accounts.zoho.eu', 'http://127.0.0.1:4010/us/accounts'];

describe('allowedAccountsServer', () => {
  it.each([
    ['https://accounts.zoho.com', 'https://accounts.zoho.com'],
    ['https://accounts.zoho.in/', 'https://accounts.zoho.in'],
    ['https://accounts.zohocloud.ca', 'https://accounts.zohocloud.ca'],
    ['http://127.0.0.1:4010/eu/accounts', 'http://127.0.0.1:4010/eu/accounts'],
  ])('accepts %s', (given, expected) => {
    expect(allowedAccountsServer(given, trusted)).toBe(expected);
  });

  it.each([
    'http://accounts.zoho.com',
    'https://accounts.zoho.com.evil.example',
    'https://evil.example/accounts.zoho.com',
    'https://user:pw@accounts.zoho.com',
    'https://accounts.zoho.com?x=https://evil.example',
    'http://127.0.0.1:4011/us/accounts',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (given) => {
    expect(allowedAccountsServer(given, trusted)).toBeNull();
  });
});
