import type { Page } from './pagination';

export interface PhoneNumber {
  phone_number_id: string;
  display_phone_number: string | null;
  verified_name: string | null;
  quality_rating: string | null;
  is_primary: boolean;
}

/** A tenant's WhatsApp Cloud API configuration (`tenant_configs`), secrets masked unless revealed. */
export interface WhatsAppConfig {
  id: string;
  tenant_id: string;
  waba_id: string | null;
  phone_number_id: string;
  display_phone_number: string | null;
  business_id: string | null;
  access_token: string | null;
  token_expires_at: string | null;
  fb_app_id: string | null;
  fb_app_secret: string | null;
  webhook_verify_token: string | null;
  callback_url: string | null;
  onboarding_completed: boolean;
  onboarding_completed_at: string | null;
  is_active: boolean;
  phone_numbers: PhoneNumber[];
  created_at: string;
  updated_at: string;
}

export interface WhatsAppConfigWrite {
  waba_id?: string | null;
  phone_number_id?: string;
  display_phone_number?: string | null;
  business_id?: string | null;
  access_token?: string;
  token_expires_at?: string | null;
  fb_app_id?: string | null;
  fb_app_secret?: string | null;
  webhook_verify_token?: string | null;
  callback_url?: string | null;
  onboarding_completed?: boolean;
  is_active?: boolean;
}

export interface AdminWhatsAppConfig extends WhatsAppConfig {
  tenant_name: string;
}

export type AdminWhatsAppConfigPage = Page<AdminWhatsAppConfig>;

export interface ConfigStats {
  tenants: { total: number; active: number; suspended: number };
  configs: { total: number; active: number; inactive: number; onboarded: number };
  by_crm: Record<'zoho' | 'hubspot' | 'local', number>;
  by_llm: Record<'gemini' | 'ollama', number>;
  /** Access tokens whose expiry is within the next 7 days. */
  tokens_expiring: number;
  tokens_expired: number;
}

export const DELETE_ALL_CONFIGS_CONFIRMATION = 'DELETE_ALL_CONFIGS_PERMANENTLY';
