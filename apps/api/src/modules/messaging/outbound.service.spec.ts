import { DataSource } from 'typeorm';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { Metrics } from '../metrics/metrics.service';
import { MessageSender } from '../whatsapp/message-sender.port';
import { MessagingRepository, OutboundRow } from './messaging.repository';
import { OutboundService } from './outbound.service';

const row: OutboundRow = {
  id: 'row-1',
  tenant_id: 't1',
  conversation_id: 'c1',
  phone_number_id: '1055',
  wa_id: '919800000001',
  user_id: null,
  idempotency_key: 'in-1:0',
  raw: { type: 'text', text: 'Hello' },
  in_reply_wamid: null,
};

/** The database fails `failures` transactions (a restart), then works again. */
function setup(failures: number) {
  let queued = true;
  const sender = { send: jest.fn().mockResolvedValue({ kind: 'sent', wamid: 'wamid.OUT1' }) };
  const repository = {
    nextQueued: jest.fn(async () => (queued ? row : null)),
    markOutboundSent: jest.fn(async () => {
      queued = false;
    }),
  };
  let left = failures;
  const dataSource = {
    transaction: jest.fn(async (work: (m: unknown) => Promise<unknown>) => {
      if (left-- > 0) throw new Error('Connection terminated unexpectedly');
      return work({ query: jest.fn().mockResolvedValue([]) });
    }),
  };
  const service = new OutboundService(
    sender as unknown as MessageSender,
    dataSource as unknown as DataSource,
    repository as unknown as MessagingRepository,
    { isInvalid: jest.fn().mockResolvedValue(false) } as unknown as CredentialHealthService,
    { outboundMessages: { inc: jest.fn() } } as unknown as Metrics,
  );
  service.recordRetry = { totalMs: 200, firstDelayMs: 5, maxDelayMs: 20 };
  return { service, sender, repository };
}

describe('OutboundService: recording a message Graph has sent', () => {
  it('retries the record while the database is down instead of sending the message again', async () => {
    const { service, sender, repository } = setup(3);
    await service.flush('c1');
    expect(sender.send).toHaveBeenCalledTimes(1);
    expect(repository.markOutboundSent).toHaveBeenCalledTimes(1);
    expect(repository.markOutboundSent).toHaveBeenCalledWith(expect.anything(), 'row-1', 'wamid.OUT1');
  });

  it('gives up after its deadline so the job fails and retries later', async () => {
    const { service, sender, repository } = setup(1000);
    await expect(service.flush('c1')).rejects.toThrow('Connection terminated unexpectedly');
    expect(sender.send).toHaveBeenCalledTimes(1);
    expect(repository.markOutboundSent).not.toHaveBeenCalled();
  });
});
