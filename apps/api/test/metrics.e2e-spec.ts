import { startTestApp } from './support/test-app';

describe('GET /metrics', () => {
  it('is off without METRICS_TOKEN', async () => {
    const t = await startTestApp();
    try {
      expect((await t.http().get('/metrics')).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('needs the bearer token and answers in Prometheus text format', async () => {
    const token = 'metrics-token-0123456789';
    const t = await startTestApp({ METRICS_TOKEN: token });
    try {
      expect((await t.http().get('/metrics')).status).toBe(401);
      expect((await t.http().get('/metrics').set('Authorization', 'Bearer wrong-token-000000')).status).toBe(
        401,
      );
      const res = await t.http().get('/metrics').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.text).toContain('# TYPE parley_webhook_deliveries_total counter');
      expect(res.text).toContain('parley_process_resident_memory_bytes');
    } finally {
      await t.close();
    }
  });
});
