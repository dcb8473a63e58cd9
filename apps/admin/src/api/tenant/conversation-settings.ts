import type { BotTexts, TenantResponse, UpdateTenantSettingsRequest } from '@parley/shared-types';

/**
 * Tenant settings the conversation engine adds (issue 6): the bot's own texts and whether a lead may
 * skip the email question. Declared here until shared-types' TenantBody carries them; optional,
 * so an API without them still reads.
 */
export interface ConversationSettings {
  bot_texts?: BotTexts;
  lead_capture?: { allow_skip_email: boolean };
}

export type TenantSettings = TenantResponse & ConversationSettings;
export type UpdateSettingsRequest = UpdateTenantSettingsRequest & ConversationSettings;
