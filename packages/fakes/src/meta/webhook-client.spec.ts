import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metaJson, signWebhook, WebhookClient } from './webhook-client';
import { envelope, inbound, messagesChange, status } from './webhook-payloads';

describe('webhook client', () => {
  it('escapes non-ASCII like Meta, so a re-serialised body has other bytes', () => {
    const bytes = metaJson({ text: 'Grüße ✓' });
    expect(bytes).toBe('{"text":"Gr\\u00fc\\u00dfe \\u2713"}');
    expect(JSON.parse(bytes)).toEqual({ text: 'Grüße ✓' });
    expect(JSON.stringify(JSON.parse(bytes))).not.toBe(bytes);
  });

  it('signs the exact bytes with sha256= and lowercase hex', () => {
    expect(signWebhook('abc', 'k')).toBe(`sha256=${createHmac('sha256', 'k').update('abc').digest('hex')}`);
  });

  it('posts the signed bytes it serialised', async () => {
    const seen: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const user = { waId: '919876543210', name: 'Asha' };
    const payload = envelope({
      changes: [
        messagesChange({ phoneNumberId: '1', contacts: [user], messages: [inbound.text(user, 'hi')] }),
        messagesChange({ phoneNumberId: '1', statuses: [status('wamid.X', 'read', user)] }),
      ],
    });
    const delivery = await new WebhookClient(`http://127.0.0.1:${port}`, 'secret').deliver(payload);
    server.close();
    expect(delivery.status).toBe(200);
    expect(seen[0].body).toBe(metaJson(payload));
    expect(seen[0].headers['x-hub-signature-256']).toBe(signWebhook(seen[0].body, 'secret'));
    expect(payload.entry[0].changes[0].value).toMatchObject({
      messaging_product: 'whatsapp',
      metadata: { phone_number_id: '1' },
      contacts: [{ profile: { name: 'Asha' }, wa_id: user.waId }],
      messages: [
        { from: user.waId, type: 'text', text: { body: 'hi' }, id: expect.stringMatching(/^wamid\./) },
      ],
    });
  });
});
