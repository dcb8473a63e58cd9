import { randomUUID } from 'node:crypto';
import { runInTransaction } from '../src/database/transaction';
import { JobQueue } from '../src/modules/jobs/job-queue.service';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

describe('job queue on PostgreSQL', () => {
  let t: TestApp;
  let jobs: JobQueue;
  const queue = `probe-${randomUUID().slice(0, 8)}`;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    jobs = t.app.get(JobQueue);
    await jobs.defineQueue({ name: queue, retryLimit: 2, retryDelaySeconds: 1 });
    await jobs.work<{ word: string; failOnce?: boolean }>(queue, async (job) => {
      if (job.data.failOnce && job.retryCount === 0) throw new Error('first attempt fails');
      seen.push(job.data.word);
    });
  });
  afterAll(() => t.close());

  it('enqueues with the transaction: a rollback leaves no job, a commit runs it once', async () => {
    await expect(
      runInTransaction(t.dataSource, async (tx) => {
        await jobs.send(queue, { word: 'rolled-back' }, { tx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await runInTransaction(t.dataSource, (tx) => jobs.send(queue, { word: 'committed' }, { tx }));
    await waitFor(() => seen.includes('committed'));
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.filter((w) => w === 'committed')).toHaveLength(1);
    expect(seen).not.toContain('rolled-back');
  });

  it('retries a failed job', async () => {
    await jobs.send(queue, { word: 'retried', failOnce: true });
    await waitFor(() => seen.includes('retried'), 15_000);
  });
});
