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

/** What the bot says when the tenant has not overridden a text. */
export const DEFAULT_BOT_TEXTS: Record<BotTextKey, string> = {
  ask_name: "Before we start, what's your full name?",
  ask_email: "Thanks, {name}! What's your email address?",
  invalid_email:
    "That doesn't look like an email address. Please send it again, for example: name@example.com",
  lead_thanks: "Thank you, {name}! You're all set. How can I help you today?",
  greet_known: 'Welcome back, {name}! How can I help you today?',
  help:
    'You can ask me anything. Commands:\n' +
    '/reset: start our conversation over\n' +
    '/set_llm <name>: choose the AI that answers ({providers})\n' +
    '/enable_rag <url>: answer from a web page\n' +
    '/disable_rag: stop using that page\n' +
    '/help: this list',
  reset_done: "Done, I've cleared our conversation. How can I help?",
  llm_switched: "Okay, I'll answer with {providers} from now on.",
  llm_not_allowed: "That AI isn't available here. You can choose: {providers}.",
  rag_ask_url: 'Which web page should I use? Please send its address (https://...).',
  rag_enabled: "Got it, I'll answer from {url}.",
  rag_disabled: "Okay, I've stopped using the web page.",
  rag_failed: "Sorry, I couldn't use {url}. Please check the address and try again.",
  unsupported_message: 'Sorry, I can only read text messages for now.',
  llm_unavailable: "Sorry, I can't answer right now. Please try again in a few minutes.",
};
