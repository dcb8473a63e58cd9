import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runInTransaction } from '../src/database/transaction';
import { BootstrapAdminService } from '../src/modules/auth/bootstrap-admin.service';
import { JobQueue } from '../src/modules/jobs/job-queue.service';
import { bearer, login, startTestApp } from './support/test-app';
import { waitFor } from './support/wait';

/** The default mode of `pnpm start`: PGlite under DATA_DIR, no PostgreSQL server at all. */
describe('embedded database mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-embedded-'));
  const env = {
    DATABASE_URL: undefined,
    DATA_DIR: dataDir,
    ADMIN_EMAIL: 'owner@example.com',
    ADMIN_PASSWORD: 'first-start-pw',
  };

  it('boots, creates the first admin, runs jobs, and keeps everything across a restart', async () => {
    const first = await startTestApp(env);
    try {
      expect((await first.http().get('/health')).body).toMatchObject({ status: 'ok', mode: 'embedded' });
      const created = await first.app.get(BootstrapAdminService).ensurePlatformAdmin();
      expect(created).toEqual({ email: 'owner@example.com', generatedPassword: undefined });
      const token = await login(first, 'owner@example.com', 'first-start-pw');
      expect((await first.http().get('/api/v1/admin/system').set(bearer(token))).body.mode).toBe('embedded');

      // A job enqueued inside a transaction runs once the transaction commits, on the same single-connection database.
      const jobs = first.app.get(JobQueue);
      const seen: string[] = [];
      await jobs.defineQueue({ name: 'embedded-probe' });
      await jobs.work<{ word: string }>('embedded-probe', async (job) => {
        seen.push(job.data.word);
      });
      await runInTransaction(first.app.get(DataSource), async (tx) => {
        await tx.manager.query('SELECT 1');
        await jobs.send('embedded-probe', { word: 'hello' }, { tx });
      });
      await waitFor(() => seen.length === 1);
      expect(seen).toEqual(['hello']);
    } finally {
      await first.close();
    }

    const second = await startTestApp(env);
    try {
      expect(await second.app.get(BootstrapAdminService).ensurePlatformAdmin()).toBeNull();
      const token = await login(second, 'owner@example.com', 'first-start-pw');
      expect((await second.http().get('/api/v1/auth/me').set(bearer(token))).body.email).toBe(
        'owner@example.com',
      );
    } finally {
      await second.close();
    }
  });

  it('refuses a second process on the same data directory', async () => {
    const lockedDir = mkdtempSync(join(tmpdir(), 'parley-locked-'));
    writeFileSync(join(lockedDir, 'pgdata.lock'), String(process.ppid));
    await expect(startTestApp({ ...env, DATA_DIR: lockedDir })).rejects.toThrow(/in use by process/);
  });
});
