import { buildMessageBody, clip, replyButtons } from './graph-payload';
import type { SendRequest } from './message-sender.port';

const request = (message: SendRequest['message'], extra: Partial<SendRequest> = {}): SendRequest => ({
  tenantId: 't1',
  phoneNumberId: '106540352242922',
  to: { waId: '919876543210', userId: 'IN.123' },
  message,
  idempotencyKey: 'wamid.IN:0',
  ...extra,
});

describe('buildMessageBody', () => {
  it('builds a text message to the wa_id with +, as a quoted reply when asked', () => {
    expect(
      buildMessageBody(request({ type: 'text', text: ' Hi, see https://x.io ' }, { inReplyTo: 'wamid.IN' })),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+919876543210',
      type: 'text',
      text: { body: 'Hi, see https://x.io', preview_url: true },
      context: { message_id: 'wamid.IN' },
      biz_opaque_callback_data: 'wamid.IN:0',
    });
  });

  it('sends to the business-scoped user id through `recipient` when there is no wa_id', () => {
    const body = buildMessageBody(
      request({ type: 'text', text: 'Hi' }, { to: { waId: null, userId: 'US.134912' } }),
    );
    expect(body).toMatchObject({ recipient: 'US.134912' });
    expect(body).not.toHaveProperty('to');
    expect(() =>
      buildMessageBody(request({ type: 'text', text: 'Hi' }, { to: { waId: null, userId: null } })),
    ).toThrow('neither');
  });

  it('builds an image by link with its caption, and refuses a link that is no URL', () => {
    expect(
      buildMessageBody(request({ type: 'image', link: 'https://x.io/a.png', caption: 'A' })),
    ).toMatchObject({
      type: 'image',
      image: { link: 'https://x.io/a.png', caption: 'A' },
    });
    expect(
      buildMessageBody(request({ type: 'image', link: 'https://x.io/a.png', caption: null })),
    ).toMatchObject({
      image: { link: 'https://x.io/a.png' },
    });
    expect(() =>
      buildMessageBody(request({ type: 'image', link: 'file:///etc/passwd', caption: null })),
    ).toThrow();
  });

  it('builds reply buttons, and plain text when no button is left', () => {
    expect(
      buildMessageBody(request({ type: 'interactive', text: 'Pick', buttons: ['Yes', 'No'] })),
    ).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Pick' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'Yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'No', title: 'No' } },
          ],
        },
      },
    });
    expect(buildMessageBody(request({ type: 'interactive', text: 'Pick', buttons: [' '] }))).toMatchObject({
      type: 'text',
      text: { body: 'Pick' },
    });
  });

  it('builds a template with its language', () => {
    expect(
      buildMessageBody(request({ type: 'template', name: 'follow_up', language: 'en_US' })),
    ).toMatchObject({
      type: 'template',
      template: { name: 'follow_up', language: { code: 'en_US' } },
    });
  });

  it("keeps text within Meta's limits", () => {
    const long = 'a'.repeat(5000);
    const body = buildMessageBody(request({ type: 'text', text: long })) as { text: { body: string } };
    expect(Array.from(body.text.body)).toHaveLength(4096);
    expect(body.text.body.endsWith('…')).toBe(true);
    expect(() => buildMessageBody(request({ type: 'text', text: '  ' }))).toThrow();
  });
});

describe('replyButtons', () => {
  it('keeps at most 3 unique titles of at most 20 characters, the full title as id', () => {
    const buttons = replyButtons([
      'Book a demo for my whole team',
      'Pricing',
      'pricing',
      '',
      'Talk to sales',
      'Other',
    ]);
    expect(buttons).toEqual([
      { type: 'reply', reply: { id: 'Book a demo for my whole team', title: 'Book a demo for my…' } },
      { type: 'reply', reply: { id: 'Pricing', title: 'Pricing' } },
      { type: 'reply', reply: { id: 'Talk to sales', title: 'Talk to sales' } },
    ]);
    for (const button of buttons) expect(Array.from(button.reply.title).length).toBeLessThanOrEqual(20);
  });
});

describe('clip', () => {
  it('never cuts an emoji in half', () => {
    expect(clip('😀😀😀', 2)).toBe('😀…');
    expect(clip('short', 20)).toBe('short');
  });
});
