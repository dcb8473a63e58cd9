import { DEFAULT_BOT_TEXTS, type BotTextKey, type BotTexts } from '@parley/shared-types';

export { DEFAULT_BOT_TEXTS };

export type BotTextVars = Partial<Record<'name' | 'providers' | 'url' | 'sources', string>>;

/** The tenant's text for `key` (or the default), with `{name}`, `{providers}`, `{url}`, `{sources}` filled in. */
export function botText(overrides: BotTexts, key: BotTextKey, vars: BotTextVars = {}): string {
  const override = overrides[key];
  const template = typeof override === 'string' && override.trim() ? override : DEFAULT_BOT_TEXTS[key];
  return template.replace(
    /\{(name|providers|url|sources)\}/g,
    (whole, name: keyof BotTextVars) => vars[name] ?? whole,
  );
}
