import {
  DEFAULT_BOT_TEXTS,
  type TenantResponse,
  type UpdateTenantSettingsRequest,
} from '@parley/shared-types';
import { withoutEmpty } from '../../../lib/forms';

/** WhatsApp's limit for a text message body. */
export const WELCOME_MAX = 4096;

/**
 * The bot's first question to someone it does not know yet, when the tenant has not written its
 * own (bot text `ask_name`, which the preview shows when set).
 */
export const NAME_QUESTION = DEFAULT_BOT_TEXTS.ask_name;

export interface BrandingValues {
  welcome_message: string;
  logo_url: string;
}

export type BrandingErrors = Partial<Record<keyof BrandingValues, string>>;

export const brandingValuesFrom = (t: TenantResponse): BrandingValues => ({
  welcome_message: t.branding.welcome_message ?? '',
  logo_url: t.branding.logo_url ?? '',
});

export function validateBranding(v: BrandingValues): BrandingErrors {
  const errors: BrandingErrors = {};
  if (v.welcome_message.length > WELCOME_MAX)
    errors.welcome_message = `WhatsApp messages hold at most ${WELCOME_MAX} characters`;
  const url = v.logo_url.trim();
  if (url) {
    const parsed = parseUrl(url);
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname)
      errors.logo_url = 'Enter the full http(s) address of the image, e.g. https://example.com/logo.png';
    else if (url.length > 2048) errors.logo_url = 'Keep the address to 2048 characters';
  }
  return withoutEmpty(errors);
}

/** Advice that does not stop saving: what WhatsApp (and this preview) can and cannot show. */
export function logoAdvice(logoUrl: string): string | null {
  const parsed = parseUrl(logoUrl.trim());
  if (!parsed) return null;
  if (parsed.protocol === 'http:')
    return 'Use an https address: WhatsApp fetches the image over the internet, and this preview shows only https images.';
  if (!/\.(jpe?g|png)$/i.test(parsed.pathname))
    return 'WhatsApp sends images as JPEG or PNG (at most 5 MB); check that the address serves one.';
  return null;
}

export function brandingRequest(v: BrandingValues): UpdateTenantSettingsRequest {
  return {
    branding: { welcome_message: v.welcome_message.trim() || null, logo_url: v.logo_url.trim() || null },
  };
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
