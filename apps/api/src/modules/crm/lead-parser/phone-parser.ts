import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Phone numbers as Parley stores them: E.164, read with the tenant's default country. Pure. */

export type PhoneProblem = 'empty' | 'invalid' | 'needs_country_code';

export interface ParsedPhone {
  ok: true;
  /** "+919876543210" */
  e164: string;
  /** ISO country of the number, when known. */
  country: string | null;
  /** The national significant number, digits only: "9876543210". */
  nationalNumber: string;
  /** As written in its own country: "098765 43210". */
  national: string;
  /** "+91 98765 43210" */
  international: string;
}

export type PhoneResult = ParsedPhone | { ok: false; reason: PhoneProblem; reask: string };

const REASK: Record<PhoneProblem, string> = {
  empty: "What's your phone number? (with the country code, for example: +91 98765 43210)",
  invalid:
    "That doesn't look like a phone number. Please send it again with the country code, for example: +91 98765 43210",
  needs_country_code: 'Please send the number with its country code, for example: +91 98765 43210',
};

/** A tenant's default country, if it is one libphonenumber knows. */
export function countryOrUndefined(country: string | null | undefined): CountryCode | undefined {
  const upper = country?.toUpperCase();
  return upper && isSupportedCountry(upper) ? upper : undefined;
}

/**
 * Reads a number typed by a person: "+91 98765 43210", "0098765...", "(415) 555-2671" with a
 * default country, or international digits without the plus.
 */
export function parsePhone(raw: unknown, defaultCountry?: string | null): PhoneResult {
  if (typeof raw !== 'string' && typeof raw !== 'number') return fail('empty');
  const text = String(raw)
    .trim()
    .slice(0, 100)
    // An extension is for calling a desk, not for WhatsApp.
    .replace(/\s*(?:ext\.?|x|#)\s*\d{1,6}$/i, '');
  if (!/\d/.test(text)) return fail(text ? 'invalid' : 'empty');
  // A person who writes letters in a number is writing something else ("call me at 5pm").
  if (/\p{L}{3,}/u.test(text.replace(/\b(?:ext|tel|phone|mobile|whatsapp|number|my|is|it's|no)\b\.?/gi, '')))
    return fail('invalid');
  let compact = text.replace(/[^\d+]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (compact.lastIndexOf('+') > 0) return fail('invalid');
  const country = countryOrUndefined(defaultCountry);

  const direct = parsePhoneNumberFromString(compact, country);
  if (direct?.isValid()) return toParsed(direct);
  if (!compact.startsWith('+') && compact.length >= 8) {
    const international = parsePhoneNumberFromString(`+${compact}`);
    if (international?.isValid()) return toParsed(international);
  }
  if (!compact.startsWith('+') && !country) return fail('needs_country_code');
  return fail('invalid');
}

/** A WhatsApp id (`wa_id`, `from`) is the international number without the plus. */
export function phoneFromWhatsAppId(waId: string): PhoneResult {
  const digits = String(waId).replace(/\D/g, '');
  if (!digits) return fail('empty');
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  // WhatsApp already verified the number; keep it even where the metadata lags behind.
  if (parsed && (parsed.isValid() || parsed.isPossible())) return toParsed(parsed);
  return fail('invalid');
}

/** Re-reads an E.164 number Parley stored; null when it is not one. */
export function fromE164(e164: string): ParsedPhone | null {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed && parsed.number === e164 ? toParsed(parsed) : null;
}

/**
 * The forms a CRM may hold a number in, most likely first and without repeats: E.164, the
 * international digits, the national number, and its national format in the tenant's country.
 */
export function phoneVariants(
  e164: string,
  tenantCountry?: string | null,
): { e164: string; digits: string; nationalNumber: string; national: string | null } {
  const parsed = fromE164(e164);
  const digits = e164.replace(/\D/g, '');
  if (!parsed) return { e164, digits, nationalNumber: digits, national: null };
  const sameCountry = !!tenantCountry && parsed.country === tenantCountry.toUpperCase();
  return {
    e164,
    digits,
    nationalNumber: parsed.nationalNumber,
    national: sameCountry ? parsed.national : null,
  };
}

function toParsed(number: NonNullable<ReturnType<typeof parsePhoneNumberFromString>>): ParsedPhone {
  return {
    ok: true,
    e164: number.number,
    country: number.country ?? null,
    nationalNumber: number.nationalNumber,
    national: number.formatNational(),
    international: number.formatInternational(),
  };
}

function fail(reason: PhoneProblem): PhoneResult {
  return { ok: false, reason, reask: REASK[reason] };
}
