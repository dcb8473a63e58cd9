/**
 * Reading Meta's Embedded Signup `message` events (PROTOCOLS.md 5.2). Any window can post to ours,
 * so only Facebook's own origins, or the origin the SDK was configured from (a local fake), count.
 */

export const FACEBOOK_ORIGINS = ['https://www.facebook.com', 'https://web.facebook.com'] as const;

export const FINISH_EVENTS = [
  'FINISH',
  'FINISH_ONLY_WABA',
  'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING',
] as const;
export type FinishEvent = (typeof FINISH_EVENTS)[number];

export interface SessionInfo {
  finish: FinishEvent;
  waba_id: string;
  phone_number_id: string | null;
  business_id: string | null;
}

export type SignupMessage =
  | { kind: 'finish'; session: SessionInfo }
  | { kind: 'cancel'; step: string | null; errorMessage: string | null }
  | { kind: 'error'; errorMessage: string };

/** The origins whose messages are believed: Facebook's, plus the SDK's own when it is not Meta's. */
export function trustedOrigins(sdkUrl: string): string[] {
  const origins: string[] = [...FACEBOOK_ORIGINS];
  try {
    const sdkOrigin = new URL(sdkUrl).origin;
    // Meta's SDK is served from connect.facebook.net, which never posts the events itself.
    if (!sdkOrigin.endsWith('.facebook.net') && !origins.includes(sdkOrigin)) origins.push(sdkOrigin);
  } catch {
    // An unreadable SDK address adds nothing.
  }
  return origins;
}

/** The signup event in a `message` event, or null for anything else (other origins, other messages). */
export function readSignupMessage(
  origin: string,
  data: unknown,
  trusted: readonly string[],
): SignupMessage | null {
  if (!trusted.includes(origin)) return null;
  let parsed: unknown = data;
  if (typeof data === 'string') {
    try {
      parsed = JSON.parse(data);
    } catch {
      return null; // The SDK posts other, non-JSON messages too.
    }
  }
  if (!isRecord(parsed) || parsed.type !== 'WA_EMBEDDED_SIGNUP') return null;
  const event = typeof parsed.event === 'string' ? parsed.event : '';
  const body = isRecord(parsed.data) ? parsed.data : {};
  if ((FINISH_EVENTS as readonly string[]).includes(event)) {
    const waba = text(body.waba_id);
    if (!waba)
      return { kind: 'error', errorMessage: 'Facebook finished without naming a WhatsApp Business Account.' };
    return {
      kind: 'finish',
      session: {
        finish: event as FinishEvent,
        waba_id: waba,
        phone_number_id: text(body.phone_number_id),
        business_id: text(body.business_id),
      },
    };
  }
  if (event === 'CANCEL') {
    return { kind: 'cancel', step: text(body.current_step), errorMessage: text(body.error_message) };
  }
  if (event === 'ERROR') {
    return {
      kind: 'error',
      errorMessage: text(body.error_message) ?? 'Facebook reported an error during signup.',
    };
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
