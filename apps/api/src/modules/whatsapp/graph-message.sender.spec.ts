import { Logger } from '@nestjs/common';
import type { CredentialHealthService } from '../credential-health/credential-health.service';
import type { Metrics } from '../metrics/metrics.service';
import type { ConfigLoader } from '../tenant-config/config-loader.service';
import { GraphApiClient, GraphUnreachableError } from './graph-api.client';
import type { GraphReply } from './graph-errors';
import { GraphMessageSender } from './graph-message.sender';
import type { SendRequest } from './message-sender.port';
import { SendPacer } from './pacing/send-pacer';
import type { SendLedgerRepository } from './send-ledger.repository';

/** The sender's own rules with its collaborators stubbed; the e2e suite runs it for real. */
describe('GraphMessageSender', () => {
  const ok: GraphReply = {
    status: 200,
    headers: new Headers(),
    body: {
      messaging_product: 'whatsapp',
      contacts: [{ input: '+1', wa_id: '1' }],
      messages: [{ id: 'wamid.OUT' }],
    },
  };
  const request: SendRequest = {
    tenantId: 't1',
    phoneNumberId: 'p1',
    to: { waId: '15551234567', userId: null },
    message: { type: 'text', text: 'Hi' },
    idempotencyKey: 'wamid.IN:0',
  };

  function build(reply: () => Promise<GraphReply>, ledgerRecord: () => Promise<void> = async () => {}) {
    const postMessages = jest.fn(reply);
    const counted: Record<string, number>[] = [];
    const sender = new GraphMessageSender(
      { postMessages } as unknown as GraphApiClient,
      { find: async () => null, record: jest.fn(ledgerRecord) } as unknown as SendLedgerRepository,
      new SendPacer({ maxMpsPerNumber: 80, pairIntervalMs: 6000, pairBurst: 10, maxWaitMs: 0 }, () => now),
      {
        forTenant: async () => ({
          whatsapp: {
            getAccessToken: () => 'EAAGtoken',
            getPhoneNumberIds: () => ['p1'],
            getPhoneId: () => 'p1',
          },
        }),
      } as unknown as ConfigLoader,
      { isInvalid: async () => false, record: jest.fn() } as unknown as CredentialHealthService,
      {
        outboundMessages: { inc: (labels: Record<string, number>) => counted.push(labels) },
      } as unknown as Metrics,
    );
    return { sender, postMessages, counted };
  }

  let now = 0;
  beforeEach(() => (now = 1_000_000));
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('reports sent even when the ledger cannot be written (the message went out)', async () => {
    const { sender, counted } = build(
      async () => ok,
      async () => {
        throw new Error('database gone');
      },
    );
    expect(await sender.send(request)).toEqual({ kind: 'sent', wamid: 'wamid.OUT' });
    expect(counted).toEqual([{ result: 'sent', code: 'none' }]);
  });

  it('backs off further on each failure of the same message (4^X s for the pair limit)', async () => {
    const throttled: GraphReply = {
      status: 429,
      headers: new Headers(),
      body: { error: { message: '(#131056) pair rate limit hit', type: 'OAuthException', code: 131056 } },
    };
    const replies = [throttled, throttled, ok];
    const { sender, postMessages, counted } = build(async () => replies.shift()!);
    expect(await sender.send(request)).toMatchObject({ kind: 'retry', retryAfterMs: 1000 });
    // The pacer holds the user that long: a send before then is answered without calling Meta.
    expect(await sender.send(request)).toMatchObject({ kind: 'retry', error: { code: null } });
    expect(postMessages).toHaveBeenCalledTimes(1);
    now += 1000;
    expect(await sender.send(request)).toMatchObject({ kind: 'retry', retryAfterMs: 4000 });
    now += 4000;
    expect(await sender.send(request)).toEqual({ kind: 'sent', wamid: 'wamid.OUT' });
    expect(counted.map((c) => c.result)).toEqual(['retried', 'retried', 'sent']);
  });

  it('maps a network failure to retry', async () => {
    const { sender } = build(async () => {
      throw new GraphUnreachableError('Meta cannot be reached at https://graph.facebook.com: ECONNRESET');
    });
    expect(await sender.send(request)).toMatchObject({
      kind: 'retry',
      error: { code: null, detail: expect.stringContaining('ECONNRESET') },
    });
  });
});
