import {
  TENANT_ID_PATTERN,
  type CreateTenantRequest,
  type CrmKind,
  type LlmProvider,
  type TenantResponse,
  type TenantStatus,
  type UpdateTenantRequest,
} from '@parley/shared-types';
import { secretChange, secretProblem } from '../../../components/SecretInput';

/** A write-only secret box (components/SecretInput): '' keeps it, text replaces it, null removes it. */
type SecretValue = string | null;

export interface TenantFormValues {
  id: string;
  name: string;
  status: TenantStatus;
  default_country: string;
  welcome_message: string;
  logo_url: string;
  crm: CrmKind;
  zoho_client_id: string;
  zoho_accounts_url: string;
  zoho_api_url: string;
  zoho_client_secret: SecretValue;
  zoho_refresh_token: SecretValue;
  hubspot_api_key: SecretValue;
  llm_provider: LlmProvider;
  llm_model: string;
  llm_allow_switch: boolean;
  llm_system_prompt: string;
}

export type TenantFormErrors = Partial<Record<keyof TenantFormValues, string>>;

export function emptyTenantForm(): TenantFormValues {
  return {
    id: '',
    name: '',
    status: 'active',
    default_country: '',
    welcome_message: '',
    logo_url: '',
    crm: 'local',
    zoho_client_id: '',
    zoho_accounts_url: '',
    zoho_api_url: '',
    zoho_client_secret: '',
    zoho_refresh_token: '',
    hubspot_api_key: '',
    llm_provider: 'gemini',
    llm_model: '',
    llm_allow_switch: true,
    llm_system_prompt: '',
  };
}

/** The form for an existing tenant: secrets start as "keep" (the API only ever shows them masked). */
export function tenantFormFrom(t: TenantResponse): TenantFormValues {
  return {
    ...emptyTenantForm(),
    id: t.id,
    name: t.name,
    status: t.status,
    default_country: t.default_country ?? '',
    welcome_message: t.branding.welcome_message ?? '',
    logo_url: t.branding.logo_url ?? '',
    crm: t.crm,
    zoho_client_id: t.zoho.client_id ?? '',
    zoho_accounts_url: t.zoho.accounts_url ?? '',
    zoho_api_url: t.zoho.api_url ?? '',
    llm_provider: t.llm.provider,
    llm_model: t.llm.model ?? '',
    llm_allow_switch: t.llm.allow_switch,
    llm_system_prompt: t.llm.system_prompt ?? '',
  };
}

/** A tenant id suggested from its name: `Lifecode India` → `lifecode_india`. */
export function suggestId(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 63);
}

const URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** The same rules the API applies, checked before anything is sent. */
export function validateTenantForm(v: TenantFormValues, mode: 'create' | 'edit'): TenantFormErrors {
  const errors: TenantFormErrors = {};
  if (mode === 'create' && !TENANT_ID_PATTERN.test(v.id)) {
    errors.id =
      'Use 2 to 63 lower-case letters, digits, _ or -, starting with a letter or digit (e.g. lifecode_india)';
  }
  if (!v.name.trim()) errors.name = 'Enter the business name';
  else if (v.name.trim().length > 200) errors.name = 'Keep the name to 200 characters';
  if (v.default_country && !/^[A-Za-z]{2}$/.test(v.default_country)) {
    errors.default_country = 'Use a two-letter country code such as IN or US';
  }
  if (v.logo_url && !URL.test(v.logo_url)) errors.logo_url = 'Enter an http(s) address of the image';
  if (v.welcome_message.length > 4096)
    errors.welcome_message = 'WhatsApp messages hold at most 4096 characters';
  if (v.zoho_accounts_url && !URL.test(v.zoho_accounts_url)) {
    errors.zoho_accounts_url = 'Enter the http(s) address of the Zoho accounts server';
  }
  if (v.zoho_api_url && !URL.test(v.zoho_api_url))
    errors.zoho_api_url = 'Enter the http(s) address of the Zoho API';
  for (const key of ['zoho_client_secret', 'zoho_refresh_token', 'hubspot_api_key'] as const) {
    const problem = secretProblem(v[key]);
    if (problem) errors[key] = problem;
  }
  if (v.llm_model.length > 100) errors.llm_model = 'Keep the model name to 100 characters';
  if (v.llm_system_prompt.length > 8000) errors.llm_system_prompt = 'Keep the prompt to 8000 characters';
  return errors;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The request body: every setting, and a secret only when it was replaced or removed. */
export function toTenantRequest(v: TenantFormValues): UpdateTenantRequest {
  const zoho = {
    client_id: orNull(v.zoho_client_id),
    accounts_url: orNull(v.zoho_accounts_url),
    api_url: orNull(v.zoho_api_url),
    client_secret: secretChange(v.zoho_client_secret),
    refresh_token: secretChange(v.zoho_refresh_token),
  };
  const hubspotKey = secretChange(v.hubspot_api_key);
  return {
    name: v.name.trim(),
    status: v.status,
    default_country: orNull(v.default_country)?.toUpperCase() ?? null,
    branding: { welcome_message: orNull(v.welcome_message), logo_url: orNull(v.logo_url) },
    crm: v.crm,
    zoho: Object.fromEntries(Object.entries(zoho).filter(([, value]) => value !== undefined)),
    ...(hubspotKey !== undefined ? { hubspot: { api_key: hubspotKey } } : {}),
    llm: {
      provider: v.llm_provider,
      model: orNull(v.llm_model),
      allow_switch: v.llm_allow_switch,
      system_prompt: orNull(v.llm_system_prompt),
    },
  };
}

export function toCreateRequest(v: TenantFormValues): CreateTenantRequest {
  const { name, ...rest } = toTenantRequest(v);
  return { id: v.id.trim(), name: name!, ...rest };
}
