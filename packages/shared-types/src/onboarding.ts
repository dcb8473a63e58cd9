export interface PreflightItem {
  key: 'app_id' | 'app_secret' | 'config_id' | 'public_url' | 'verify_token';
  ok: boolean;
  /** What to fix, in a sentence (null when ok). */
  message: string | null;
}

export interface OnboardConfig {
  app_id: string | null;
  config_id: string | null;
  graph_api_version: string;
  sdk_url: string;
  /** Where Meta must deliver this tenant's webhooks, and the token to paste with it. */
  webhook_url: string;
  preflight: PreflightItem[];
  ready: boolean;
  /** The tenant's current connection, if any. */
  connected: {
    phone_number_id: string;
    display_phone_number: string | null;
    verified_name: string | null;
  } | null;
}

export interface WhatsAppOnboardRequest {
  code: string;
  waba_id: string;
  phone_number_id: string;
  business_id?: string;
  redirect_uri?: string;
}

export const ONBOARDING_STEPS = [
  'exchange_code',
  'debug_token',
  'subscribe_app',
  'register_number',
  'number_details',
  'store',
] as const;
export type OnboardingStepName = (typeof ONBOARDING_STEPS)[number];

export interface OnboardingStep {
  step: OnboardingStepName;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  error: string | null;
  finished_at: string | null;
}

export interface WhatsAppOnboardResponse {
  status: 'completed';
  phone_number_id: string;
  waba_id: string;
  display_phone_number: string | null;
  verified_name: string | null;
  quality_rating: string | null;
  steps: OnboardingStep[];
}

/** Body of a failed onboarding (HTTP 4xx/502): the standard error plus the step that failed. */
export interface OnboardingFailure {
  statusCode: number;
  error: string;
  message: string;
  failed_step: OnboardingStepName;
  steps: OnboardingStep[];
}

export const CREDENTIAL_KINDS = ['whatsapp', 'waba_subscription', 'zoho', 'hubspot'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
export const CREDENTIAL_STATUSES = ['ok', 'expiring', 'invalid', 'unknown'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export interface CredentialHealth {
  credential: CredentialKind;
  status: CredentialStatus;
  last_error: string | null;
  expires_at: string | null;
  checked_at: string | null;
}

export interface TenantHealth {
  /** Worst status over the credentials the tenant uses. */
  overall: CredentialStatus;
  credentials: CredentialHealth[];
}

/** GET zohoAuthorizeUrl: where to send the browser to connect Zoho. */
export interface ZohoAuthorizeUrl {
  /** Zoho's consent page on the tenant's accounts server, with a single-use `state`. */
  url: string;
  /** Must be registered as the client's redirect URI in Zoho's API console. */
  redirect_uri: string;
  /** The `state` stops working at this time (about ten minutes). */
  expires_at: string;
}
