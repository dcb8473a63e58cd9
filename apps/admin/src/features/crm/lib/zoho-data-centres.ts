import { ZOHO_DATA_CENTRES, type ZohoDataCentreCode } from '@parley/shared-types';

/** The server's own default (ZOHO_ACCOUNTS_URL), one of Zoho's data centres, or addresses typed by hand. */
export type DataCentreChoice = 'default' | ZohoDataCentreCode | 'custom';

export const DATA_CENTRE_OPTIONS: readonly { value: DataCentreChoice; label: string }[] = [
  { value: 'default', label: "The server's default" },
  ...ZOHO_DATA_CENTRES.map((dc) => ({ value: dc.code, label: `${dc.name} (${dc.accounts})` })),
  { value: 'custom', label: 'Other addresses…' },
];

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
};

/** Which choice stored addresses correspond to: a data centre only when both belong to it. */
export function dataCentreChoiceOf(accountsUrl: string | null, apiUrl: string | null): DataCentreChoice {
  if (!accountsUrl && !apiUrl) return 'default';
  const dc = ZOHO_DATA_CENTRES.find((d) => d.accounts === hostOf(accountsUrl ?? ''));
  if (!dc) return 'custom';
  return !apiUrl || hostOf(apiUrl) === dc.api ? dc.code : 'custom';
}

/** The accounts server and API domain a choice stands for (null: the server's default). */
export function dataCentreUrls(choice: Exclude<DataCentreChoice, 'custom'>): {
  accounts_url: string | null;
  api_url: string | null;
} {
  const dc = ZOHO_DATA_CENTRES.find((d) => d.code === choice);
  return dc
    ? { accounts_url: `https://${dc.accounts}`, api_url: `https://${dc.api}` }
    : { accounts_url: null, api_url: null };
}
