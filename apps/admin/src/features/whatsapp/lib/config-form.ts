import type { WhatsAppConfig, WhatsAppConfigWrite } from '@parley/shared-types';
import { secretChange, secretProblem } from '../../../components/SecretInput';
import { withoutEmpty } from '../../../lib/forms';
import type { CreateConfigRequest } from '../api/create-config';

const META_ID = /^\d{1,32}$/;
const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

// ---- Manual setup: a tenant without a configuration pastes what Meta's API setup page shows.

export interface ManualSetupValues {
  phone_number_id: string;
  waba_id: string;
  access_token: string;
  display_phone_number: string;
}

export type ManualSetupErrors = Partial<Record<keyof ManualSetupValues, string>>;

export const emptyManualSetup = (): ManualSetupValues => ({
  phone_number_id: '',
  waba_id: '',
  access_token: '',
  display_phone_number: '',
});

/** The API's rules, checked before anything is sent. */
export function validateManualSetup(v: ManualSetupValues): ManualSetupErrors {
  const errors: ManualSetupErrors = {};
  const phoneId = v.phone_number_id.trim();
  if (!phoneId) errors.phone_number_id = 'Enter the phone number id from Meta';
  else if (!META_ID.test(phoneId))
    errors.phone_number_id = 'The phone number id is digits only (not the phone number itself)';
  const wabaId = v.waba_id.trim();
  if (!wabaId) errors.waba_id = 'Enter the WhatsApp Business Account id';
  else if (!META_ID.test(wabaId)) errors.waba_id = 'The WhatsApp Business Account id is digits only';
  errors.access_token = tokenProblem(v.access_token, true) ?? undefined;
  if (v.display_phone_number.trim().length > 40) errors.display_phone_number = 'Keep it to 40 characters';
  return withoutEmpty(errors);
}

export function manualSetupRequest(v: ManualSetupValues): CreateConfigRequest {
  return {
    phone_number_id: v.phone_number_id.trim(),
    waba_id: v.waba_id.trim(),
    access_token: v.access_token.trim(),
    display_phone_number: v.display_phone_number.trim() || null,
    // The tenant did Meta's side by hand: nothing is left for Parley to onboard.
    onboarding_completed: true,
  };
}

// ---- Editing an existing configuration.

export interface EditConfigValues {
  phone_number_id: string;
  waba_id: string;
  display_phone_number: string;
  business_id: string;
  fb_app_id: string;
  callback_url: string;
  /** yyyy-mm-dd, local; '' when the token does not expire. */
  token_expires_on: string;
  /** Write-only secrets: '' keeps, text replaces, null removes. */
  access_token: string;
  fb_app_secret: string | null;
  webhook_verify_token: string;
}

export type EditConfigErrors = Partial<Record<keyof EditConfigValues, string>>;

export function editValuesFrom(config: WhatsAppConfig): EditConfigValues {
  return {
    phone_number_id: config.phone_number_id,
    waba_id: config.waba_id ?? '',
    display_phone_number: config.display_phone_number ?? '',
    business_id: config.business_id ?? '',
    fb_app_id: config.fb_app_id ?? '',
    callback_url: config.callback_url ?? '',
    token_expires_on: config.token_expires_at ? localDate(config.token_expires_at) : '',
    access_token: '',
    fb_app_secret: '',
    webhook_verify_token: '',
  };
}

export function validateEditConfig(v: EditConfigValues): EditConfigErrors {
  const errors: EditConfigErrors = {};
  if (!META_ID.test(v.phone_number_id.trim()))
    errors.phone_number_id = 'The phone number id is digits only (not the phone number itself)';
  for (const key of ['waba_id', 'business_id', 'fb_app_id'] as const) {
    if (v[key].trim() && !META_ID.test(v[key].trim())) errors[key] = 'Digits only';
  }
  if (v.display_phone_number.trim().length > 40) errors.display_phone_number = 'Keep it to 40 characters';
  if (v.callback_url.trim() && !HTTP_URL.test(v.callback_url.trim()))
    errors.callback_url = 'Enter an http(s) address';
  errors.access_token = tokenProblem(v.access_token, false) ?? undefined;
  errors.fb_app_secret = secretProblem(v.fb_app_secret) ?? undefined;
  if ((v.fb_app_secret ?? '').trim().length > 200) errors.fb_app_secret = 'Keep it to 200 characters';
  const verify = v.webhook_verify_token.trim();
  errors.webhook_verify_token = secretProblem(verify) ?? undefined;
  if (verify && !errors.webhook_verify_token && (verify.length < 8 || verify.length > 200))
    errors.webhook_verify_token = 'Use 8 to 200 characters';
  return withoutEmpty(errors);
}

/** Only what changed: unchanged fields are left out, secrets are sent only when typed or removed. */
export function editConfigRequest(v: EditConfigValues, config: WhatsAppConfig): WhatsAppConfigWrite {
  const before = editValuesFrom(config);
  const body: WhatsAppConfigWrite = {};
  const text = (key: 'waba_id' | 'display_phone_number' | 'business_id' | 'fb_app_id' | 'callback_url') => {
    if (v[key].trim() !== before[key]) body[key] = v[key].trim() || null;
  };
  if (v.phone_number_id.trim() !== before.phone_number_id) body.phone_number_id = v.phone_number_id.trim();
  text('waba_id');
  text('display_phone_number');
  text('business_id');
  text('fb_app_id');
  text('callback_url');
  if (v.token_expires_on !== before.token_expires_on) {
    body.token_expires_at = v.token_expires_on ? endOfLocalDay(v.token_expires_on) : null;
  }
  const secrets = {
    access_token: secretChange(v.access_token) ?? undefined,
    fb_app_secret: secretChange(v.fb_app_secret),
    webhook_verify_token: secretChange(v.webhook_verify_token) ?? undefined,
  };
  for (const [key, value] of Object.entries(secrets)) {
    if (value !== undefined) Object.assign(body, { [key]: value });
  }
  return body;
}

function tokenProblem(value: string, required: boolean): string | null {
  const trimmed = value.trim();
  if (!trimmed) return required ? 'Paste the access token' : null;
  if (trimmed.startsWith('***')) return 'That is the masked value; paste the real token';
  if (/\s/.test(trimmed)) return 'An access token has no spaces; check what was pasted';
  if (trimmed.length < 10) return 'This is too short to be a Meta access token';
  return null;
}

function localDate(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function endOfLocalDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

/** Where Meta should deliver this tenant's webhooks: the server's address, else this page's. */
export function webhookUrlOf(config: WhatsAppConfig, origin: string): { url: string; derived: boolean } {
  if (config.callback_url) return { url: config.callback_url, derived: false };
  return { url: `${origin}/webhooks/whatsapp/${encodeURIComponent(config.tenant_id)}`, derived: true };
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Whether an access token's expiry is past, within a week, or further away. */
export function tokenExpiryState(expiresAt: string, now = Date.now()): 'expired' | 'soon' | 'later' {
  const left = new Date(expiresAt).getTime() - now;
  return left <= 0 ? 'expired' : left < WEEK_MS ? 'soon' : 'later';
}
