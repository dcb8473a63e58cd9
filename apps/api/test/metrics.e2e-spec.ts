import { randomUUID } from 'node:crypto';
import { JobQueue } from '../src/modules/jobs/job-queue.service';
import { createTenant } from './support/fixtures';
import { metricValue } from './support/metrics';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

const token = 'metrics-token-0123456789';

describe('GET /metrics', () => {
  it('is off without METRICS_TOKEN', async () => {
    const t = await startTestApp();
    try {
      const res = await t.http().get('/metrics');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    } finally {
      await t.close();
    }
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    const scrape = async () => {
      const res = await t.http().get('/metrics').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      return res.text;
    };

    beforeAll(async () => {
      t = await startTestApp({ METRICS_TOKEN: token });
    });
    afterAll(() => t.close());

    it('needs the bearer token and answers in Prometheus text format', async () => {
      expect((await t.http().get('/metrics')).status).toBe(401);
      const wrong = await t.http().get('/metrics').set('Authorization', 'Bearer wrong-token-000000');
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      const res = await t.http().get('/metrics').set('Authorization', `Bearer ${token}`);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.text).toContain('# TYPE parley_webhook_deliveries_total counter');
      expect(res.text).toContain('parley_process_resident_memory_bytes');
    });

    it('counts HTTP requests by route template and status, never by raw path', async () => {
      const tenant = await createTenant(t);
      const tenantAdmin = tenant.admin.token;
      for (const id of ['first', 'second', 'third']) {
        await t.http().get(`/api/v1/admin/tenants/${id}-${randomUUID()}`).set(bearer(tenantAdmin));
      }
      await t.http().get(`/api/v1/no-such-route/${randomUUID()}`);
      await t.http().post(`/webhooks/${randomUUID()}`).send({});
      await t.http().get(`/settings/${randomUUID()}`);

      const text = await scrape();
      // A tenant admin asking for platform routes: 403, under the template, whatever the id was.
      expect(
        metricValue(text, 'parley_http_requests_total', {
          method: 'GET',
          route: '/api/v1/admin/tenants/:id',
          status: '403',
        }),
      ).toBe(3);
      expect(
        metricValue(text, 'parley_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/v1/admin/tenants/:id',
        }),
      ).toBeGreaterThanOrEqual(3);
      expect(
        metricValue(text, 'parley_http_requests_total', {
          method: 'POST',
          route: '/api/v1/admin/tenants',
          status: '201',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metricValue(text, 'parley_http_requests_total', {
          method: 'GET',
          route: '<unmatched>',
          status: '404',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metricValue(text, 'parley_http_requests_total', {
          method: 'POST',
          route: '<unmatched>',
          status: '404',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metricValue(text, 'parley_http_requests_total', { method: 'GET', route: '<admin-app>' }),
      ).toBeGreaterThanOrEqual(1);
      expect(text).not.toMatch(/route="[^"]*(first|second|third|no-such-route)/);
    });

    it('measures jobs: wait, run time by outcome, retries, final failures and queue depth', async () => {
      const jobs = t.app.get(JobQueue);
      const queue = `metrics-${randomUUID().slice(0, 8)}`;
      const idle = `${queue}-idle`;
      await jobs.defineQueue({ name: queue, retryLimit: 1 });
      await jobs.defineQueue({ name: idle });
      const done: string[] = [];
      await jobs.work<{ fail?: boolean }>(queue, async (job) => {
        done.push(job.id);
        if (job.data.fail) throw new Error('always fails');
      });
      await jobs.send(queue, {});
      await jobs.send(queue, { fail: true });
      await jobs.send(idle, {});
      await jobs.send(idle, {});
      await jobs.send(idle, {}, { startAfterSeconds: 3600 });
      await waitFor(() => done.length === 3, 15_000);

      await waitFor(async () => metricValue(await scrape(), 'parley_dead_letters_total', { queue }) === 1);
      const text = await scrape();
      expect(metricValue(text, 'parley_job_duration_seconds_count', { queue, result: 'completed' })).toBe(1);
      expect(metricValue(text, 'parley_job_duration_seconds_count', { queue, result: 'retried' })).toBe(1);
      expect(metricValue(text, 'parley_job_duration_seconds_count', { queue, result: 'failed' })).toBe(1);
      expect(metricValue(text, 'parley_job_retries_total', { queue })).toBe(1);
      expect(metricValue(text, 'parley_job_latency_seconds_count', { queue })).toBe(3);
      expect(metricValue(text, 'parley_queue_depth', { queue: idle, state: 'queued' })).toBe(2);
      expect(metricValue(text, 'parley_queue_depth', { queue: idle, state: 'deferred' })).toBe(1);
      expect(metricValue(text, 'parley_queue_depth', { queue: idle, state: 'active' })).toBe(0);
      expect(metricValue(text, 'parley_queue_depth', { queue, state: 'queued' })).toBe(0);
      expect(text).not.toContain('__pgboss__');
    });
  });
});
