/**
 * Builders for Meta's WhatsApp webhook payloads, shaped as shared/PROTOCOLS.md part 1 §3
 * documents them (envelope, every inbound message type, statuses, BSUID-only contacts).
 */

export interface WebhookEnvelope {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: WebhookChange[] }[];
}

export interface WebhookChange {
  field: string;
  value: Record<string, unknown>;
}

export interface ContactSpec {
  /** Phone-number based id; absent for a user with a username Meta hides the number of (2026). */
  waId?: string;
  /** Business-scoped user id, e.g. `US.13491208655302741918`. */
  userId?: string;
  name?: string;
  username?: string;
}

export interface MessageBase {
  /** Defaults to a fresh `wamid.` id. */
  id?: string;
  timestamp?: string | number;
  context?: Record<string, unknown>;
}

let counter = 0;

/** A wamid in Meta's shape: `wamid.` followed by a base64-like string. */
export function wamid(): string {
  counter += 1;
  const body = Buffer.from(
    `HBgM${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2)}`,
  ).toString('base64');
  return `wamid.${body.replace(/=+$/, '')}`;
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** The `object` + `entry[]` envelope; each argument is one entry with its WABA id. */
export function envelope(...entries: { wabaId?: string; changes: WebhookChange[] }[]): WebhookEnvelope {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((e) => ({ id: e.wabaId ?? '102290129340398', changes: e.changes })),
  };
}

export interface MessagesChangeSpec {
  phoneNumberId: string;
  displayPhoneNumber?: string;
  contacts?: ContactSpec[];
  messages?: Record<string, unknown>[];
  statuses?: Record<string, unknown>[];
}

/** A `field: "messages"` change (inbound messages and/or statuses of one business number). */
export function messagesChange(spec: MessagesChangeSpec): WebhookChange {
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: spec.displayPhoneNumber ?? '15550783881',
      phone_number_id: spec.phoneNumberId,
    },
  };
  if (spec.contacts) value.contacts = spec.contacts.map(contact);
  if (spec.messages) value.messages = spec.messages;
  if (spec.statuses) value.statuses = spec.statuses;
  return { field: 'messages', value };
}

/** `contacts[]` item: `{profile:{name}, wa_id}` plus the 2026 `user_id` and `profile.username`. */
export function contact(spec: ContactSpec): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  if (spec.name !== undefined) profile.name = spec.name;
  if (spec.username !== undefined) profile.username = spec.username;
  return {
    profile,
    ...(spec.waId !== undefined ? { wa_id: spec.waId } : {}),
    ...(spec.userId !== undefined ? { user_id: spec.userId } : {}),
  };
}

/** Common message fields; `from` is omitted when the sender has only a BSUID. */
function base(from: ContactSpec, type: string, extra: MessageBase): Record<string, unknown> {
  return {
    ...(from.waId !== undefined ? { from: from.waId } : {}),
    ...(from.userId !== undefined ? { from_user_id: from.userId } : {}),
    id: extra.id ?? wamid(),
    timestamp: String(extra.timestamp ?? nowSeconds()),
    type,
    ...(extra.context ? { context: extra.context } : {}),
  };
}

export const inbound = {
  text: (from: ContactSpec, body: string, extra: MessageBase = {}) => ({
    ...base(from, 'text', extra),
    text: { body },
  }),
  image: (from: ContactSpec, caption?: string, extra: MessageBase = {}) => ({
    ...base(from, 'image', extra),
    image: {
      ...(caption !== undefined ? { caption } : {}),
      mime_type: 'image/jpeg',
      sha256: 'e8jxbHXyxZ0xa7qH0Rk1iYqDZ5y8P/6SbMp4fm5z2y0=',
      id: '1003383421387256',
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
    },
  }),
  buttonReply: (from: ContactSpec, id: string, title: string, extra: MessageBase = {}) => ({
    ...base(from, 'interactive', extra),
    interactive: { type: 'button_reply', button_reply: { id, title } },
  }),
  listReply: (
    from: ContactSpec,
    id: string,
    title: string,
    description?: string,
    extra: MessageBase = {},
  ) => ({
    ...base(from, 'interactive', extra),
    interactive: {
      type: 'list_reply',
      list_reply: { id, title, ...(description !== undefined ? { description } : {}) },
    },
  }),
  /** A quick-reply tap on a template button. */
  button: (from: ContactSpec, text: string, payload = text, extra: MessageBase = {}) => ({
    ...base(from, 'button', extra),
    button: { payload, text },
  }),
  location: (
    from: ContactSpec,
    loc: { latitude: number; longitude: number; name?: string; address?: string; url?: string },
    extra: MessageBase = {},
  ) => ({ ...base(from, 'location', extra), location: loc }),
  audio: (from: ContactSpec, extra: MessageBase = {}) => ({
    ...base(from, 'audio', extra),
    audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'abc=', id: '2003383421387256', voice: true },
  }),
  sticker: (from: ContactSpec, extra: MessageBase = {}) => ({
    ...base(from, 'sticker', extra),
    sticker: { mime_type: 'image/webp', sha256: 'def=', id: '3003383421387256', animated: false },
  }),
  reaction: (from: ContactSpec, messageId: string, emoji: string, extra: MessageBase = {}) => ({
    ...base(from, 'reaction', extra),
    reaction: { message_id: messageId, emoji },
  }),
  document: (from: ContactSpec, filename: string, caption?: string, extra: MessageBase = {}) => ({
    ...base(from, 'document', extra),
    document: {
      filename,
      ...(caption !== undefined ? { caption } : {}),
      mime_type: 'application/pdf',
      sha256: 'ghi=',
      id: '4003383421387256',
    },
  }),
  contacts: (from: ContactSpec, extra: MessageBase = {}) => ({
    ...base(from, 'contacts', extra),
    contacts: [
      {
        name: { formatted_name: 'Ravi Kumar', first_name: 'Ravi' },
        phones: [{ phone: '+91 98765 43210', type: 'CELL' }],
      },
    ],
  }),
  /** A type Cloud API does not support (e.g. an edit), with Meta's 131051 error. */
  unsupported: (from: ContactSpec, kind = 'edit', extra: MessageBase = {}) => ({
    ...base(from, 'unsupported', extra),
    unsupported: { type: kind },
    errors: [
      {
        code: 131051,
        title: 'Message type unknown',
        message: 'Message type unknown',
        error_data: { details: 'Message type is currently not supported.' },
      },
    ],
  }),
  /** `user_changed_number`: no `contacts` array in the change. */
  system: (from: ContactSpec, newWaId: string, extra: MessageBase = {}) => ({
    ...base(from, 'system', extra),
    system: {
      body: `User ${from.waId ?? ''} changed from ${from.waId ?? ''} to ${newWaId}`,
      wa_id: newWaId,
      type: 'user_changed_number',
    },
  }),
};

export type StatusValue = 'sent' | 'delivered' | 'read' | 'failed' | 'played';

/** A `statuses[]` item for an outbound wamid; `failed` carries `errors[]` (Meta's example: 131049). */
export function status(
  id: string,
  value: StatusValue,
  recipient: ContactSpec,
  extra: {
    timestamp?: string | number;
    errors?: { code: number; title: string; message?: string; details?: string }[];
  } = {},
): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id,
    status: value,
    timestamp: String(extra.timestamp ?? nowSeconds()),
    ...(recipient.waId !== undefined ? { recipient_id: recipient.waId } : {}),
    ...(recipient.userId !== undefined ? { recipient_user_id: recipient.userId } : {}),
  };
  if (value === 'sent' || value === 'delivered')
    item.pricing = {
      billable: false,
      pricing_model: 'PMP',
      type: 'free_customer_service',
      category: 'service',
    };
  if (value === 'failed')
    item.errors = (
      extra.errors ?? [
        { code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' },
      ]
    ).map((e) => ({
      code: e.code,
      title: e.title,
      message: e.message ?? e.title,
      error_data: { details: e.details ?? e.title },
      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    }));
  return item;
}
