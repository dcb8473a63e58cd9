import { ZOHO_DATA_CENTRES } from '@parley/shared-types';

/**
 * The accounts server to exchange a Zoho code on, when Parley may send the client secret there:
 * a known Zoho data centre's accounts host over https, or an address on one of the `trusted`
 * origins (the tenant's own and the configured accounts server; fakes and new data centres live
 * there). Null for anything else: the redirect's `accounts-server` comes from the browser.
 */
export function allowedAccountsServer(given: string, trusted: string[]): string | null {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const knownZoho = url.protocol === 'https:' && ZOHO_DATA_CENTRES.some((dc) => dc.accounts === url.hostname);
  const origins = trusted.flatMap((address) => {
    try {
      return [new URL(address).origin];
    } catch {
      return [];
    }
  });
  if (!knownZoho && !origins.includes(url.origin)) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
