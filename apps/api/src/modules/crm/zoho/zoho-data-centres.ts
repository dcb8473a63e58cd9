/**
 * Zoho's data centres: each has its own accounts server (OAuth) and API domain, and an account
 * lives in exactly one. Parley uses the `api_domain` the token endpoint returns; this table only
 * helps to explain a mismatch in plain words.
 */
export const ZOHO_DATA_CENTRES = [
  { code: 'US', accounts: 'accounts.zoho.com', api: 'www.zohoapis.com' },
  { code: 'EU', accounts: 'accounts.zoho.eu', api: 'www.zohoapis.eu' },
  { code: 'IN', accounts: 'accounts.zoho.in', api: 'www.zohoapis.in' },
  { code: 'AU', accounts: 'accounts.zoho.com.au', api: 'www.zohoapis.com.au' },
  { code: 'JP', accounts: 'accounts.zoho.jp', api: 'www.zohoapis.jp' },
  { code: 'CN', accounts: 'accounts.zoho.com.cn', api: 'www.zohoapis.com.cn' },
  { code: 'CA', accounts: 'accounts.zohocloud.ca', api: 'www.zohoapis.ca' },
  { code: 'SA', accounts: 'accounts.zoho.sa', api: 'www.zohoapis.sa' },
] as const;

export type ZohoDataCentre = (typeof ZOHO_DATA_CENTRES)[number];

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function dataCentreOfAccounts(url: string): ZohoDataCentre | null {
  const host = hostOf(url);
  return ZOHO_DATA_CENTRES.find((dc) => dc.accounts === host) ?? null;
}

export function dataCentreOfApi(url: string): ZohoDataCentre | null {
  const host = hostOf(url);
  return ZOHO_DATA_CENTRES.find((dc) => dc.api === host || host === dc.api.replace(/^www\./, '')) ?? null;
}

/** The known API domain of the data centre an accounts server belongs to. */
export function apiDomainFor(accountsUrl: string): string | null {
  const dc = dataCentreOfAccounts(accountsUrl);
  return dc ? `https://${dc.api}` : null;
}

/** A sentence when the accounts server and the API domain are known to be in different data centres. */
export function dataCentreMismatch(accountsUrl: string, apiUrl: string): string | null {
  const accounts = dataCentreOfAccounts(accountsUrl);
  const api = dataCentreOfApi(apiUrl);
  if (!accounts || !api || accounts.code === api.code) return null;
  return `the accounts server ${accountsUrl} is in Zoho's ${accounts.code} data centre but the API domain ${apiUrl} is in ${api.code}`;
}
