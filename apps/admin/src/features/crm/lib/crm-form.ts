import type { CrmKind, TenantResponse, UpdateTenantSettingsRequest } from '@parley/shared-types';
import { secretChange, secretProblem } from '../../../components/SecretInput';
import { withoutEmpty } from '../../../lib/forms';
import { dataCentreChoiceOf, dataCentreUrls, type DataCentreChoice } from './zoho-data-centres';

export const CRM_LABELS: Record<CrmKind, string> = {
  local: 'Built-in list',
  zoho: 'Zoho CRM',
  hubspot: 'HubSpot',
};

export interface CrmFormValues {
  crm: CrmKind;
  zoho_client_id: string;
  zoho_data_centre: DataCentreChoice;
  /** Only used for the "custom" data centre. */
  zoho_accounts_url: string;
  zoho_api_url: string;
  /** Write-only secrets: '' keeps the stored one, text replaces it. */
  zoho_client_secret: string;
  zoho_refresh_token: string;
  hubspot_api_key: string;
}

export type CrmFormErrors = Partial<Record<keyof CrmFormValues, string>>;

/** The form for the stored settings; secret boxes always start empty. */
export function crmFormFrom(t: TenantResponse): CrmFormValues {
  return {
    crm: t.crm,
    zoho_client_id: t.zoho.client_id ?? '',
    zoho_data_centre: dataCentreChoiceOf(t.zoho.accounts_url, t.zoho.api_url),
    zoho_accounts_url: t.zoho.accounts_url ?? '',
    zoho_api_url: t.zoho.api_url ?? '',
    zoho_client_secret: '',
    zoho_refresh_token: '',
    hubspot_api_key: '',
  };
}

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** What the chosen CRM needs, checked before sending: a secret may be left empty only when one is stored. */
export function validateCrmForm(v: CrmFormValues, t: TenantResponse): CrmFormErrors {
  const errors: CrmFormErrors = {};
  if (v.crm === 'zoho') {
    if (!v.zoho_client_id.trim()) errors.zoho_client_id = "Enter the client id from Zoho's API console";
    else if (v.zoho_client_id.trim().length > 200) errors.zoho_client_id = 'Keep it to 200 characters';
    errors.zoho_client_secret =
      secretProblem(v.zoho_client_secret, { required: true, stored: !!t.zoho.client_secret }) ?? undefined;
    errors.zoho_refresh_token =
      secretProblem(v.zoho_refresh_token, { required: true, stored: !!t.zoho.refresh_token }) ?? undefined;
    if (v.zoho_data_centre === 'custom') {
      if (!HTTP_URL.test(v.zoho_accounts_url.trim()))
        errors.zoho_accounts_url = 'Enter the http(s) address of the Zoho accounts server';
      if (v.zoho_api_url.trim() && !HTTP_URL.test(v.zoho_api_url.trim()))
        errors.zoho_api_url = 'Enter the http(s) address of the Zoho API, or leave it empty';
    }
  }
  if (v.crm === 'hubspot') {
    errors.hubspot_api_key =
      secretProblem(v.hubspot_api_key, { required: true, stored: !!t.hubspot.api_key }) ?? undefined;
    if (!errors.hubspot_api_key && /\s/.test(v.hubspot_api_key.trim()))
      errors.hubspot_api_key = 'A HubSpot token has no spaces; check what was pasted';
  }
  return withoutEmpty(errors);
}

/** The settings for the chosen CRM; secrets only when typed, the other CRM's settings untouched. */
export function crmRequest(v: CrmFormValues): UpdateTenantSettingsRequest {
  const body: UpdateTenantSettingsRequest = { crm: v.crm };
  if (v.crm === 'zoho') {
    const urls =
      v.zoho_data_centre === 'custom'
        ? { accounts_url: v.zoho_accounts_url.trim(), api_url: v.zoho_api_url.trim() || null }
        : dataCentreUrls(v.zoho_data_centre);
    const secrets = {
      client_secret: secretChange(v.zoho_client_secret),
      refresh_token: secretChange(v.zoho_refresh_token),
    };
    body.zoho = {
      client_id: v.zoho_client_id.trim(),
      ...urls,
      ...Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined)),
    };
  }
  const apiKey = secretChange(v.hubspot_api_key);
  if (v.crm === 'hubspot' && apiKey) body.hubspot = { api_key: apiKey };
  return body;
}

/** Whether the form differs from what is stored (typed secrets count as a change). */
export function crmFormDirty(v: CrmFormValues, t: TenantResponse): boolean {
  return JSON.stringify(v) !== JSON.stringify(crmFormFrom(t));
}
