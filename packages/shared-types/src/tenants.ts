import type { CredentialStatus } from './onboarding';
import type { BotTexts } from './bot-texts';
import type { Page } from './pagination';

export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{1,62}$/;
export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];
export const CRM_KINDS = ['zoho', 'hubspot', 'local'] as const;
export type CrmKind = (typeof CRM_KINDS)[number];
export const LLM_PROVIDERS = ['gemini', 'ollama'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export interface TenantBranding {
  welcome_message: string | null;
  logo_url: string | null;
}

export interface ZohoSettings {
  client_id: string | null;
  /** Write-only: masked (`***` + last 4) on the way out. */
  client_secret: string | null;
  accounts_url: string | null;
  api_url: string | null;
  /** Write-only: masked on the way out. */
  refresh_token: string | null;
}

export interface HubSpotSettings {
  /** The private app token. Write-only: masked on the way out. */
  api_key: string | null;
}

export interface LlmSettings {
  provider: LlmProvider;
  /** Null: the provider's default model. */
  model: string | null;
  /** Whether WhatsApp users may switch provider with /set_llm. */
  allow_switch: boolean;
  system_prompt: string | null;
  /** The tenant's own Gemini API key (else the platform's). Write-only: masked on the way out. */
  gemini_api_key: string | null;
}

export interface LeadCaptureSettings {
  /** Whether a new contact may answer "skip" when the bot asks for an email address. */
  allow_skip_email: boolean;
}

/**
 * An approved WhatsApp template sent when a reply finds the 24-hour customer service window
 * closed (Meta error 131047); without one the failure is recorded on the message.
 */
export interface ReengagementTemplate {
  name: string;
  /** Template language code, e.g. `en_US`. */
  language: string;
}

/** The one tenant shape, close to the older tenants.json, used by admin and tenant routes. */
export interface TenantBody {
  id: string;
  name: string;
  status: TenantStatus;
  /** ISO 3166-1 alpha-2 code used to read national phone numbers, e.g. "IN". */
  default_country: string | null;
  branding: TenantBranding;
  crm: CrmKind;
  zoho: ZohoSettings;
  hubspot: HubSpotSettings;
  llm: LlmSettings;
  reengagement_template: ReengagementTemplate | null;
  /** Overrides of the bot's fixed texts (keys from BOT_TEXT_KEYS); absent keys use the defaults. */
  bot_texts: BotTexts;
  lead_capture: LeadCaptureSettings;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

export type CreateTenantRequest = Pick<TenantBody, 'id' | 'name'> &
  DeepPartial<Omit<TenantBody, 'id' | 'name'>>;
export type UpdateTenantRequest = DeepPartial<Omit<TenantBody, 'id'>>;
/** What a tenant admin may change of their own tenant: not its id, not its status. */
export type UpdateTenantSettingsRequest = DeepPartial<Omit<TenantBody, 'id' | 'status'>>;

export interface TenantWhatsAppSummary {
  phone_number_id: string;
  display_phone_number: string | null;
  is_active: boolean;
  onboarding_completed: boolean;
}

export interface TenantResponse extends TenantBody {
  whatsapp: TenantWhatsAppSummary | null;
  created_at: string;
  updated_at: string;
  /** Overall credential health (the worst of its credentials; `unknown` if none was checked). List only. */
  health?: CredentialStatus;
}

export interface TenantListQuery {
  page?: number;
  page_size?: number;
  search?: string;
  status?: TenantStatus;
  crm?: CrmKind;
  llm?: LlmProvider;
  onboarded?: boolean;
  /** Overall credential health, as in the list's `health`. */
  health?: CredentialStatus;
  sort?: 'name' | 'id' | 'created_at';
  order?: 'asc' | 'desc';
}

export type TenantPage = Page<TenantResponse>;

export interface TenantUser {
  id: string;
  email: string;
  role: 'tenant_admin';
  tenant_id: string;
  disabled: boolean;
  last_login_at: string | null;
  created_at: string;
}

/** Shortest password a tenant admin may be given. */
export const PASSWORD_MIN_LENGTH = 10;

export interface CreateTenantUserRequest {
  email: string;
  password: string;
}

export interface UpdateTenantUserRequest {
  email?: string;
  password?: string;
  disabled?: boolean;
}
