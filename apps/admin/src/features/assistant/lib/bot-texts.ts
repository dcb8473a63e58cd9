import { BOT_TEXT_KEYS, type BotTextKey, type BotTexts } from '@parley/shared-types';
import type { TenantSettings, UpdateSettingsRequest } from '../../../api/tenant/conversation-settings';

export const BOT_TEXT_MAX = 1000;

interface BotTextInfo {
  label: string;
  /** Placeholders that make sense in this text (shown as a hint). */
  variables: readonly string[];
}

/** What each text is for, grouped in the order a conversation meets them. */
export const BOT_TEXTS: Record<BotTextKey, BotTextInfo> = {
  ask_name: {
    label: 'Asking a new contact for their name',
    variables: [],
  },
  ask_email: {
    label: 'Asking for the email address',
    variables: ['name'],
  },
  invalid_email: {
    label: 'When the email address does not look right',
    variables: [],
  },
  lead_thanks: {
    label: 'Thanking a new lead',
    variables: ['name'],
  },
  greet_known: {
    label: 'Greeting a known contact',
    variables: ['name'],
  },
  help: {
    label: 'Help (/help and unknown commands)',
    variables: ['providers'],
  },
  reset_done: { label: 'After /reset', variables: [] },
  llm_switched: {
    label: 'After switching the model',
    variables: ['providers'],
  },
  llm_not_allowed: {
    label: 'When switching the model is not allowed',
    variables: ['providers'],
  },
  rag_ask_url: {
    label: 'Asking which website to use',
    variables: [],
  },
  rag_enabled: { label: 'Website ready to use', variables: ['url'] },
  rag_disabled: {
    label: 'Website switched off',
    variables: [],
  },
  rag_failed: {
    label: 'Website could not be read',
    variables: ['url'],
  },
  unsupported_message: {
    label: 'Messages the bot cannot read (voice, stickers…)',
    variables: [],
  },
  llm_unavailable: {
    label: 'When the model does not answer',
    variables: [],
  },
};

/** Every placeholder the engine knows (bot-texts.ts in shared-types). */
export const BOT_TEXT_VARIABLES = ['name', 'providers', 'url', 'sources'] as const;

export interface ConversationValues {
  texts: Record<BotTextKey, string>;
  allow_skip_email: boolean;
}
export type ConversationErrors = Partial<Record<BotTextKey, string>>;

export function conversationValuesFrom(t: TenantSettings): ConversationValues {
  const stored: BotTexts = t.bot_texts ?? {};
  return {
    texts: Object.fromEntries(BOT_TEXT_KEYS.map((k) => [k, stored[k] ?? ''])) as Record<BotTextKey, string>,
    // The API's default (column default true) when an older API sends no lead_capture.
    allow_skip_email: t.lead_capture?.allow_skip_email ?? true,
  };
}

/** Too long, or a `{placeholder}` the engine does not know (it would reach the customer as typed). */
export function validateConversation(v: ConversationValues): ConversationErrors {
  const errors: ConversationErrors = {};
  for (const key of BOT_TEXT_KEYS) {
    const text = v.texts[key];
    if (text.length > BOT_TEXT_MAX) {
      errors[key] = `Keep it to ${BOT_TEXT_MAX} characters`;
      continue;
    }
    const known: readonly string[] = BOT_TEXT_VARIABLES;
    const unknown = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).find((name) => !known.includes(name));
    if (unknown) {
      const suggested = BOT_TEXTS[key].variables;
      errors[key] = `{${unknown}} is not a placeholder Parley fills in${
        suggested.length ? `; this text can use ${suggested.map((a) => `{${a}}`).join(', ')}` : ''
      }`;
    }
  }
  return errors;
}

/** Only the texts the tenant wrote: an empty box means "use the default". */
export function conversationRequest(v: ConversationValues): UpdateSettingsRequest {
  const texts: BotTexts = {};
  for (const key of BOT_TEXT_KEYS) if (v.texts[key].trim()) texts[key] = v.texts[key].trim();
  return { bot_texts: texts, lead_capture: { allow_skip_email: v.allow_skip_email } };
}
