import { ZOHO_DATA_CENTRES, type ZohoDataCentre } from '@parley/shared-types';

/*
 * Zoho's data centres (the table is in shared-types: the admin app offers the same choice).
 * Parley uses the `api_domain` the token endpoint returns; the table only helps to explain a
 * mismatch in plain words.
 */

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
