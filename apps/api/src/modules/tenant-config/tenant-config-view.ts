import type { BotTexts, CrmKind, LlmProvider, TenantStatus } from '@parley/shared-types';

/** The decrypted WhatsApp settings of a tenant as stored (active or not). */
export interface StoredWhatsApp {
  isActive: boolean;
  onboardingCompleted: boolean;
  wabaId: string | null;
  phoneNumberId: string;
  phoneNumberIds: string[];
  displayPhoneNumber: string | null;
  businessId: string | null;
  accessToken: string | null;
  tokenExpiresAt: Date | null;
  appId: string | null;
  appSecret: string | null;
  verifyToken: string | null;
  callbackUrl: string | null;
}

/** The `.env` values of the single-number setup, used when a tenant has no active config. */
export interface EnvWhatsApp {
  phoneId?: string;
  token?: string;
  verifyToken?: string;
  appId?: string;
  appSecret?: string;
}

export type ConfigSource = 'database' | 'env' | 'none';

/**
 * A tenant's WhatsApp settings with the documented fallback order: the tenant's active database
 * config first, then the `.env` values, then nothing. An inactive config counts as none.
 */
export class TenantConfigView {
  constructor(
    readonly tenantId: string,
    private readonly stored: StoredWhatsApp | null,
    private readonly env: EnvWhatsApp,
  ) {}

  private get active(): StoredWhatsApp | null {
    return this.stored?.isActive ? this.stored : null;
  }

  get source(): ConfigSource {
    if (this.active) return 'database';
    return this.env.phoneId || this.env.token ? 'env' : 'none';
  }

  /** True only for an active config stored for this tenant. */
  hasTenantConfig(): boolean {
    return this.active !== null;
  }

  isOnboardingCompleted(): boolean {
    return this.active?.onboardingCompleted ?? false;
  }

  /** A config exists but was deactivated (sends stop, webhooks are not routed). */
  isDeactivated(): boolean {
    return this.stored !== null && !this.stored.isActive;
  }

  getPhoneId(): string | null {
    return this.active ? this.active.phoneNumberId : (this.env.phoneId ?? null);
  }

  getAccessToken(): string | null {
    return this.active ? this.active.accessToken : (this.env.token ?? null);
  }

  getVerifyToken(): string | null {
    return this.active?.verifyToken ?? this.env.verifyToken ?? null;
  }

  /** The tenant's own Meta app if it brings one, else the platform app. */
  getAppId(): string | null {
    return this.active?.appId ?? this.env.appId ?? null;
  }

  getAppSecret(): string | null {
    return this.active?.appSecret ?? this.env.appSecret ?? null;
  }

  getWabaId(): string | null {
    return this.active?.wabaId ?? null;
  }

  getBusinessId(): string | null {
    return this.active?.businessId ?? null;
  }

  getDisplayPhoneNumber(): string | null {
    return this.active?.displayPhoneNumber ?? null;
  }

  getTokenExpiresAt(): Date | null {
    return this.active?.tokenExpiresAt ?? null;
  }

  getCallbackUrl(): string | null {
    return this.active?.callbackUrl ?? null;
  }

  /** Every number of this tenant that routes webhooks. */
  getPhoneNumberIds(): string[] {
    return this.active?.phoneNumberIds ?? [];
  }
}

export interface TenantProfile {
  id: string;
  name: string;
  status: TenantStatus;
  defaultCountry: string | null;
  welcomeMessage: string | null;
  logoUrl: string | null;
  crmKind: CrmKind;
  llm: { provider: LlmProvider; model: string | null; allowSwitch: boolean; systemPrompt: string | null };
  /** The tenant's overrides of the bot's fixed texts. */
  botTexts: BotTexts;
  leadCapture: { allowSkipEmail: boolean };
}

export interface CrmCredentials {
  zoho: {
    clientId: string | null;
    clientSecret: string | null;
    accountsUrl: string | null;
    apiUrl: string | null;
    refreshToken: string | null;
  };
  hubspot: { apiKey: string | null };
}

/** Everything the runtime needs to serve one tenant, decrypted. */
export interface LoadedTenant {
  profile: TenantProfile;
  whatsapp: TenantConfigView;
  crm: CrmCredentials;
  /** The tenant's own LLM credentials, decrypted (null: use the platform's). */
  llm: { geminiApiKey: string | null };
}
