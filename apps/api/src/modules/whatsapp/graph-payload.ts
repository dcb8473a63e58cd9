import type { BotReply } from '@parley/shared-types';
import type { SendRequest } from './message-sender.port';

/** Meta's limits on the fields Parley fills (send-messages and interactive-reply-buttons pages). */
export const GRAPH_LIMITS = {
  textBody: 4096,
  caption: 1024,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  callbackData: 512,
} as const;

/** A reply that cannot be sent as asked (and would only be refused by Meta). */
export class PayloadError extends Error {}

export type GraphRecipient = { to: string } | { recipient: string };

/**
 * The recipient fields: the phone number (`to`, with `+` so Meta never prepends the business
 * number's country code) when the wa_id is known, else the business-scoped user id, which Meta
 * takes in `recipient` (usernames, 2026: a contact may have no phone number we may use).
 */
export function recipientFields(to: SendRequest['to']): GraphRecipient {
  const waId = to.waId?.replace(/\D/g, '');
  if (waId) return { to: `+${waId}` };
  if (to.userId) return { recipient: to.userId };
  throw new PayloadError('The contact has neither a wa_id nor a business-scoped user id');
}

/** The JSON body of `POST /{phone_number_id}/messages` for one reply. */
export function buildMessageBody(request: SendRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipientFields(request.to),
    ...messageFields(request.message),
  };
  if (request.inReplyTo) body.context = { message_id: request.inReplyTo };
  if (request.idempotencyKey.length <= GRAPH_LIMITS.callbackData) {
    // Echoed in status webhooks: lets the pipeline tie a status to its outbound row.
    body.biz_opaque_callback_data = request.idempotencyKey;
  }
  return body;
}

export function messageFields(message: BotReply): Record<string, unknown> {
  switch (message.type) {
    case 'text':
      return textFields(message.text);
    case 'image': {
      if (!/^https?:\/\/\S+$/i.test(message.link))
        throw new PayloadError('An image link must be an http(s) URL');
      const image: Record<string, string> = { link: message.link };
      const caption = message.caption?.trim();
      if (caption) image.caption = clip(caption, GRAPH_LIMITS.caption);
      return { type: 'image', image };
    }
    case 'interactive': {
      const buttons = replyButtons(message.buttons);
      // Buttons with nothing on them are just text.
      if (buttons.length === 0) return textFields(message.text);
      const text = message.text.trim();
      if (!text) throw new PayloadError('Interactive buttons need a body text');
      return {
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: clip(text, GRAPH_LIMITS.interactiveBody) },
          action: { buttons },
        },
      };
    }
    case 'template': {
      if (!message.name.trim() || !message.language.trim())
        throw new PayloadError('A template needs a name and a language code');
      return {
        type: 'template',
        template: { name: message.name.trim(), language: { code: message.language.trim() } },
      };
    }
    default: {
      const unknown: never = message;
      throw new PayloadError(`Unknown reply type ${(unknown as { type: string }).type}`);
    }
  }
}

/**
 * Meta's reply buttons: at most 3, titles at most 20 characters and unique. Titles are trimmed
 * and shortened (with an ellipsis), empty and repeated ones dropped, extra ones left out. The id
 * is the full title, so the button reply says which option was meant even after shortening.
 */
export function replyButtons(titles: string[]): { type: 'reply'; reply: { id: string; title: string } }[] {
  const seen = new Set<string>();
  const buttons: { type: 'reply'; reply: { id: string; title: string } }[] = [];
  for (const raw of titles) {
    const full = raw.trim();
    if (!full) continue;
    const title = clip(full, GRAPH_LIMITS.buttonTitle);
    if (seen.has(title.toLowerCase())) continue;
    seen.add(title.toLowerCase());
    buttons.push({ type: 'reply', reply: { id: clip(full, GRAPH_LIMITS.buttonId, ''), title } });
    if (buttons.length === GRAPH_LIMITS.buttons) break;
  }
  return buttons;
}

function textFields(text: string): Record<string, unknown> {
  const body = text.trim();
  if (!body) throw new PayloadError('A text message needs a body');
  return {
    type: 'text',
    text: { body: clip(body, GRAPH_LIMITS.textBody), preview_url: /https?:\/\/\S/i.test(body) },
  };
}

/** Shortens to `max` characters (code points, so no emoji is cut in half), ending with `tail`. */
export function clip(value: string, max: number, tail = '…'): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return (
    chars
      .slice(0, max - tail.length)
      .join('')
      .trimEnd() + tail
  );
}
