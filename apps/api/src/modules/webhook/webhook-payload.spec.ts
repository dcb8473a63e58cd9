import { contact, envelope, inbound, messagesChange, status } from '@parley/fakes';
import { displayText, engineText, readWebhook, storable } from './webhook-payload';
import { sameSecret, signatureMatches } from './webhook-signature';
import { createHmac } from 'node:crypto';

describe('readWebhook', () => {
  const user = { waId: '919876543210', name: 'Asha' };

  it('reads messages, contacts and statuses of every change of every entry', () => {
    const payload = envelope(
      {
        changes: [
          messagesChange({
            phoneNumberId: '111',
            contacts: [user],
            messages: [inbound.text(user, 'hi', { id: 'wamid.A', timestamp: 1_800_000_000 })],
          }),
          messagesChange({ phoneNumberId: '111', statuses: [status('wamid.B', 'failed', user)] }),
        ],
      },
      { changes: [{ field: 'account_update', value: { event: 'PARTNER_ADDED' } }] },
    );
    const [a, b] = readWebhook(payload);
    expect(readWebhook(payload)).toHaveLength(2);
    expect(a.messages).toEqual([
      expect.objectContaining({
        wamid: 'wamid.A',
        contactKey: user.waId,
        waId: user.waId,
        userId: null,
        profileName: 'Asha',
        type: 'text',
        text: 'hi',
        metaTimestamp: new Date(1_800_000_000_000).toISOString(),
      }),
    ]);
    expect(b.statuses).toEqual([
      {
        wamid: 'wamid.B',
        status: 'failed',
        occurredAt: expect.any(String),
        error: { code: 131049, title: expect.any(String), detail: expect.any(String) },
      },
    ]);
  });

  it('keys a BSUID-only user by its user id and takes the username when there is no name', () => {
    const bsuid = { userId: 'US.13491208655302741918', username: 'ravi.k' };
    const [change] = readWebhook(
      envelope({
        changes: [
          messagesChange({ phoneNumberId: '1', contacts: [bsuid], messages: [inbound.text(bsuid, 'x')] }),
        ],
      }),
    );
    expect(change.messages[0]).toMatchObject({
      contactKey: bsuid.userId,
      waId: null,
      userId: bsuid.userId,
      profileName: 'ravi.k',
    });
    expect(contact(bsuid)).toEqual({ profile: { username: 'ravi.k' }, user_id: bsuid.userId });
  });

  it.each([
    null,
    42,
    'x',
    [],
    { entry: 'nope' },
    { entry: [{ changes: [{ field: 'messages', value: [] }] }] },
  ])('ignores %j without throwing', (payload) => {
    expect(readWebhook(payload).flatMap((c) => c.messages)).toEqual([]);
  });

  it('skips messages without an id or a sender, and maps unknown types to other', () => {
    const [change] = readWebhook({
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: 5 },
                messages: [
                  { id: 'wamid.1', type: 'text' },
                  { from: '1', type: 'text' },
                  { from: '1', id: 'wamid.2', type: 'hologram' },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(change.phoneNumberId).toBe('5');
    expect(change.messages.map((m) => [m.wamid, m.type])).toEqual([['wamid.2', 'other']]);
  });

  it('gives each type the text a person reads, and the engine only what it can use', () => {
    expect(displayText('location', { location: { latitude: 1.5, longitude: 2 } })).toBe('📍 1.5,2');
    expect(displayText('interactive', { interactive: { list_reply: { title: 'Plan A' } } })).toBe('Plan A');
    expect(displayText('reaction', { reaction: { emoji: '👍' } })).toBe('👍');
    expect(engineText('location', '📍 1.5,2')).toBeNull();
    expect(engineText('image', 'receipt')).toBe('receipt');
  });

  it('drops what PostgreSQL cannot store: NUL characters and lone surrogates', () => {
    expect(storable({ 'a\u0000b': ['x\u0000y', 'ok\ud800', '😀'] })).toEqual({
      ab: ['xy', 'ok\ufffd', '😀'],
    });
  });
});

describe('signatures', () => {
  const body = Buffer.from('{"a":"\\u00e4"}');
  const good = `sha256=${createHmac('sha256', 'secret').update(body).digest('hex')}`;

  it('accepts only the HMAC of the exact bytes with the right secret', () => {
    expect(signatureMatches(body, good, 'secret')).toBe(true);
    expect(signatureMatches(body, good.toUpperCase().replace('SHA256=', 'sha256='), 'secret')).toBe(true);
    expect(signatureMatches(Buffer.from('{"a":"ä"}'), good, 'secret')).toBe(false);
    expect(signatureMatches(body, good, 'other')).toBe(false);
    expect(signatureMatches(body, undefined, 'secret')).toBe(false);
    expect(signatureMatches(body, good, null)).toBe(false);
    expect(signatureMatches(body, 'sha256=abc', 'secret')).toBe(false);
  });

  it('compares verify tokens in constant time and never matches a missing one', () => {
    expect(sameSecret('t', 't')).toBe(true);
    expect(sameSecret('t', 'u')).toBe(false);
    expect(sameSecret(undefined, 't')).toBe(false);
    expect(sameSecret('t', null)).toBe(false);
  });
});
