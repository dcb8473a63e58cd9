import { MESSAGE_TYPES, type MessageError, type MessageType } from '@parley/shared-types';

/** One inbound message as the ingest stores it. */
export interface InboundEvent {
  wamid: string;
  contactKey: string;
  waId: string | null;
  userId: string | null;
  profileName: string | null;
  type: MessageType;
  /** What a person reads in the conversation view (body, caption, button title, 📍 lat,lng). */
  text: string | null;
  metaTimestamp: string | null;
  raw: unknown;
}

/** One status update of an outbound message. */
export interface StatusEvent {
  wamid: string;
  status: string;
  /** The first of Meta's `errors[]` (failed statuses), in Parley's shape. */
  error: MessageError | null;
  occurredAt: string | null;
}

/** One `changes[]` item of field `messages`, with what it carries. */
export interface WebhookChange {
  phoneNumberId: string | null;
  displayPhoneNumber: string | null;
  messages: InboundEvent[];
  statuses: StatusEvent[];
  raw: unknown;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : null;
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const KNOWN_TYPES = new Set<string>(MESSAGE_TYPES);

/**
 * Reads a WhatsApp webhook envelope of any shape without throwing: whatever is not a
 * `messages` change with usable ids is skipped (Meta also sends other fields; random JSON must
 * never fail the request). Strings are made storable (no NUL, no lone surrogates) first.
 */
export function readWebhook(payload: unknown): WebhookChange[] {
  const clean = storable(payload);
  if (!isObject(clean)) return [];
  const changes: WebhookChange[] = [];
  for (const entry of arr(clean.entry)) {
    if (!isObject(entry)) continue;
    for (const change of arr(entry.changes)) {
      if (!isObject(change) || change.field !== 'messages' || !isObject(change.value)) continue;
      const value = change.value;
      const metadata = isObject(value.metadata) ? value.metadata : {};
      const contacts = arr(value.contacts).filter(isObject);
      changes.push({
        phoneNumberId: str(metadata.phone_number_id),
        displayPhoneNumber: str(metadata.display_phone_number),
        messages: arr(value.messages)
          .filter(isObject)
          .map((m) => readMessage(m, contacts))
          .filter((m): m is InboundEvent => m !== null),
        statuses: arr(value.statuses)
          .filter(isObject)
          .map(readStatus)
          .filter((s): s is StatusEvent => s !== null),
        raw: change,
      });
    }
  }
  return changes;
}

function readMessage(message: Json, contacts: Json[]): InboundEvent | null {
  const wamid = str(message.id);
  const from = str(message.from);
  const fromUserId = str(message.from_user_id);
  const contact =
    contacts.find((c) => (from && str(c.wa_id) === from) || (fromUserId && str(c.user_id) === fromUserId)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const waId = from ?? str(contact?.wa_id);
  const userId = fromUserId ?? str(contact?.user_id);
  const contactKey = waId ?? userId;
  if (!wamid || !contactKey) return null;
  const profile = isObject(contact?.profile) ? contact.profile : {};
  const rawType = str(message.type) ?? 'other';
  const type = (KNOWN_TYPES.has(rawType) ? rawType : 'other') as MessageType;
  return {
    wamid,
    contactKey,
    waId,
    userId,
    profileName: str(profile.name) ?? str(profile.username),
    type,
    text: displayText(rawType, message),
    metaTimestamp: unixSeconds(message.timestamp),
    raw: message,
  };
}

function readStatus(status: Json): StatusEvent | null {
  const wamid = str(status.id);
  const value = str(status.status);
  if (!wamid || !value) return null;
  return {
    wamid,
    status: value,
    error: readError(arr(status.errors)[0]),
    occurredAt: unixSeconds(status.timestamp),
  };
}

function readError(error: unknown): MessageError | null {
  if (!isObject(error)) return null;
  const data = isObject(error.error_data) ? error.error_data : {};
  return {
    code: typeof error.code === 'number' && Number.isInteger(error.code) ? error.code : null,
    title: str(error.title) ?? str(error.message) ?? 'Meta reported a failure',
    detail: str(data.details) ?? str(error.message),
  };
}

/** The text of a message as a person reads it; null when it has none. */
export function displayText(type: string, message: Json): string | null {
  const body = (key: string) => (isObject(message[key]) ? message[key] : {});
  switch (type) {
    case 'text':
      return str(body('text').body);
    case 'interactive': {
      const interactive = body('interactive');
      const reply = isObject(interactive.button_reply)
        ? interactive.button_reply
        : isObject(interactive.list_reply)
          ? interactive.list_reply
          : {};
      return str(reply.title);
    }
    case 'button':
      return str(body('button').text) ?? str(body('button').payload);
    case 'image':
    case 'video':
    case 'document':
      return str(body(type).caption);
    case 'location': {
      const loc = body('location');
      const [lat, lng] = [loc.latitude, loc.longitude];
      if (typeof lat !== 'number' || typeof lng !== 'number') return str(loc.name);
      return `📍 ${lat},${lng}${str(loc.name) ? ` ${str(loc.name)}` : ''}`;
    }
    case 'reaction':
      return str(body('reaction').emoji);
    default:
      return null;
  }
}

/** What the conversation engine reads: text, button/list reply titles, media captions. */
export function engineText(type: string, text: string | null): string | null {
  return ['text', 'interactive', 'button', 'image', 'video', 'document'].includes(type) ? text : null;
}

function unixSeconds(value: unknown): string | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 32_503_680_000) return null;
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/** PostgreSQL text and jsonb refuse NUL characters and unpaired surrogates: drop them. */
export function storable(value: unknown): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (Array.isArray(value)) return value.map(storable);
  if (isObject(value)) {
    const out: Json = {};
    for (const [key, inner] of Object.entries(value)) out[cleanString(key)] = storable(inner);
    return out;
  }
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

function cleanString(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(NUL, '');
}
