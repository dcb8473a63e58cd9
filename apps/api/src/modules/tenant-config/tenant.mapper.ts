import type { PhoneNumber, TenantResponse, WhatsAppConfig } from '@parley/shared-types';
import { maskSealed, openSealed } from '../../common/crypto/secrets';
import { SecretBox } from '../../common/crypto/secret-box';
import { CrmConnectionEntity } from './entities/crm-connection.entity';
import { PhoneNumberEntity } from './entities/phone-number.entity';
import { TenantConfigEntity } from './entities/tenant-config.entity';
import { TenantEntity } from './entities/tenant.entity';

/** The tenant as the API shows it: the tenants.json-like shape, secrets masked. */
export function toTenantResponse(
  box: SecretBox,
  tenant: TenantEntity,
  crm: CrmConnectionEntity | null,
  config: TenantConfigEntity | null,
): TenantResponse {
  return {
    id: tenant.id,
    name: tenant.name,
    status: tenant.status,
    default_country: tenant.defaultCountry,
    branding: { welcome_message: tenant.welcomeMessage, logo_url: tenant.logoUrl },
    crm: tenant.crmKind,
    zoho: {
      client_id: crm?.zohoClientId ?? null,
      client_secret: maskSealed(box, crm?.zohoClientSecretEnc),
      accounts_url: crm?.zohoAccountsUrl ?? null,
      api_url: crm?.zohoApiUrl ?? null,
      refresh_token: maskSealed(box, crm?.zohoRefreshTokenEnc),
    },
    hubspot: { api_key: maskSealed(box, crm?.hubspotApiKeyEnc) },
    llm: {
      provider: tenant.llmProvider,
      model: tenant.llmModel,
      allow_switch: tenant.llmAllowSwitch,
      system_prompt: tenant.llmSystemPrompt,
      gemini_api_key: maskSealed(box, tenant.llmGeminiApiKeyEnc),
    },
    reengagement_template: tenant.reengagementTemplate,
    bot_texts: { ...tenant.botTexts },
    lead_capture: { allow_skip_email: tenant.leadCaptureAllowSkipEmail },
    whatsapp: config
      ? {
          phone_number_id: config.phoneNumberId,
          display_phone_number: config.displayPhoneNumber,
          is_active: config.isActive,
          onboarding_completed: config.onboardingCompleted,
        }
      : null,
    created_at: tenant.createdAt.toISOString(),
    updated_at: tenant.updatedAt.toISOString(),
  };
}

/** A WhatsApp config; secrets masked unless `reveal` (the one audited route that shows them). */
export function toWhatsAppConfig(
  box: SecretBox,
  config: TenantConfigEntity,
  phones: PhoneNumberEntity[],
  reveal = false,
): WhatsAppConfig {
  const secret = (sealed: string | null) => (reveal ? openSealed(box, sealed) : maskSealed(box, sealed));
  return {
    id: config.id,
    tenant_id: config.tenantId,
    waba_id: config.wabaId,
    phone_number_id: config.phoneNumberId,
    display_phone_number: config.displayPhoneNumber,
    business_id: config.businessId,
    access_token: secret(config.accessTokenEnc),
    token_expires_at: config.tokenExpiresAt?.toISOString() ?? null,
    fb_app_id: config.fbAppId,
    fb_app_secret: secret(config.fbAppSecretEnc),
    webhook_verify_token: secret(config.webhookVerifyTokenEnc),
    callback_url: config.callbackUrl,
    onboarding_completed: config.onboardingCompleted,
    onboarding_completed_at: config.onboardingCompletedAt?.toISOString() ?? null,
    is_active: config.isActive,
    phone_numbers: phones
      .sort(
        (a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.createdAt.getTime() - b.createdAt.getTime(),
      )
      .map(toPhoneNumber),
    created_at: config.createdAt.toISOString(),
    updated_at: config.updatedAt.toISOString(),
  };
}

function toPhoneNumber(phone: PhoneNumberEntity): PhoneNumber {
  return {
    phone_number_id: phone.phoneNumberId,
    display_phone_number: phone.displayPhoneNumber,
    verified_name: phone.verifiedName,
    quality_rating: phone.qualityRating,
    is_primary: phone.isPrimary,
  };
}
