import { BOT_TEXT_KEYS, type BotTextKey, type BotTexts } from '@parley/shared-types';
import type { TenantSettings, UpdateSettingsRequest } from '../../../api/tenant/conversation-settings';

export const BOT_TEXT_MAX = 1000;

interface BotTextInfo {
  label: string;
  /** The engine's wording when the tenant sets none (shown as the placeholder). */
  fallback: string;
  /** Placeholders that make sense in this text (shown as a hint). */
  variables: readonly string[];
}

/** What each text is for, grouped in the order a conversation meets them. */
export const BOT_TEXTS: Record<BotTextKey, BotTextInfo> = {
  ask_name: {
    label: 'Asking a new contact for their name',
    fallback: 'What is your full name?',
    variables: [],
  },
  ask_email: {
    label: 'Asking for the email address',
    fallback: 'Thanks, {name}! What is your email address?',
    variables: ['name'],
  },
  invalid_email: {
    label: 'When the email address does not look right',
    fallback: 'That does not look like an email address. Please type it again, e.g. name@example.com.',
    variables: [],
  },
  lead_thanks: {
    label: 'Thanking a new lead',
    fallback: 'Thank you, {name}! How can I help you today?',
    variables: ['name'],
  },
  greet_known: {
    label: 'Greeting a known contact',
    fallback: 'Welcome back, {name}! How can I help?',
    variables: ['name'],
  },
  help: {
    label: 'Help (/help and unknown commands)',
    fallback:
      'Ask me anything. Commands: /reset to start over, /set_llm {providers} to change the model, /enable_rag URL to use a website, /disable_rag to stop.',
    variables: ['providers'],
  },
  reset_done: { label: 'After /reset', fallback: 'Done: we start over.', variables: [] },
  llm_switched: {
    label: 'After switching the model',
    fallback: 'Switched. I now answer with {providers}.',
    variables: ['providers'],
  },
  llm_not_allowed: {
    label: 'When switching the model is not allowed',
    fallback: 'Switching the model is not available. Available: {providers}.',
    variables: ['providers'],
  },
  rag_ask_url: {
    label: 'Asking which website to use',
    fallback: 'Which website should I use? Send its address.',
    variables: [],
  },
  rag_enabled: { label: 'Website ready to use', fallback: 'I now answer from {url}.', variables: ['url'] },
  rag_disabled: {
    label: 'Website switched off',
    fallback: 'I no longer answer from a website.',
    variables: [],
  },
  rag_failed: {
    label: 'Website could not be read',
    fallback: 'I could not read {url}. Please check the address.',
    variables: ['url'],
  },
  unsupported_message: {
    label: 'Messages the bot cannot read (voice, stickers…)',
    fallback: 'Sorry, I can only read text messages.',
    variables: [],
  },
  llm_unavailable: {
    label: 'When the model does not answer',
    fallback: 'Sorry, I cannot answer right now. Please try again in a moment.',
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
