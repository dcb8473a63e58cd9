/**
 * Every text the bot sends that is not an LLM answer. Tenants may override any of them
 * (tenant settings `bot_texts`); `{name}`, `{providers}`, `{url}` and `{sources}` are filled in.
 */
export const BOT_TEXT_KEYS = [
  'ask_name',
  'ask_email',
  'invalid_email',
  'lead_thanks',
  'greet_known',
  'help',
  'reset_done',
  'llm_switched',
  'llm_not_allowed',
  'rag_ask_url',
  'rag_enabled',
  'rag_disabled',
  'rag_failed',
  'unsupported_message',
  'llm_unavailable',
] as const;
export type BotTextKey = (typeof BOT_TEXT_KEYS)[number];
export type BotTexts = Partial<Record<BotTextKey, string>>;
