import type { DataSource } from 'typeorm';
import type { DatabaseRuntime } from '../../database/database-runtime';
import type { JobQueue } from '../jobs/job-queue.service';
import { IngestBatcher, IngestItem } from './ingest-batcher';
import type { InsertedInbound, RoutedInbound, WebhookRepository } from './webhook.repository';

/** A repository stand-in that records each statement's batch and fails batches holding `bad`. */
function setup() {
  const batches: string[][] = [];
  const seen = new Set<string>();
  const repository = {
    insertInboundWithJobs: async (_m: unknown, events: RoutedInbound[]): Promise<InsertedInbound[]> => {
      batches.push(events.map((e) => e.wamid));
      await new Promise((r) => setTimeout(r, 5));
      if (events.some((e) => e.wamid === 'bad')) throw new Error('bad row');
      return events
        .filter((e) => !seen.has(e.wamid) && seen.add(e.wamid))
        .map((e) => ({
          tenant_id: e.tenantId,
          contact_key: e.contactKey,
          phone_number_id: e.phoneNumberId,
          wamid: e.wamid,
        }));
    },
  } as unknown as WebhookRepository;
  const jobs = { wakeSoon: () => undefined } as unknown as JobQueue;
  const runtime = { mode: 'embedded' } as DatabaseRuntime;
  const batcher = new IngestBatcher({} as DataSource, repository, jobs, runtime);
  const item = (wamid: string): IngestItem => ({
    inbound: [
      {
        wamid,
        tenantId: 't',
        phoneNumberId: 'p',
        contactKey: 'c',
        waId: 'c',
        userId: null,
        profileName: null,
        type: 'text',
        text: 'x',
        metaTimestamp: null,
        raw: {},
      },
    ],
    statuses: [],
    unrouted: [],
  });
  return { batcher, batches, item };
}

describe('IngestBatcher', () => {
  it('commits the first delivery alone and groups the ones that arrive meanwhile', async () => {
    const { batcher, batches, item } = setup();
    const outcomes = await Promise.all(['a', 'b', 'c', 'd', 'a'].map((w) => batcher.submit(item(w))));
    expect(batches).toEqual([['a'], ['b', 'c', 'd', 'a']]);
    expect(outcomes).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'duplicate']);
    expect(await batcher.submit(item('b'))).toBe('duplicate');
  });

  it('retries a failed group one by one, so only the bad delivery fails', async () => {
    const { batcher, batches, item } = setup();
    const results = await Promise.allSettled(['a', 'bad', 'b'].map((w) => batcher.submit(item(w))));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([
      'accepted',
      'rejected',
      'accepted',
    ]);
    expect(batches).toEqual([['a'], ['bad', 'b'], ['bad'], ['b']]);
  });
});
