import { screenshotPath, Stack, startStack } from './support/stack';
import { expectText, fetchAsPage, signIn } from './support/ui';

describe('statistics', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    // A seeded run: 24 tenants created over the last 12 days across CRMs and LLMs, half with a
    // WhatsApp config, some onboarded, two tokens expiring within the week.
    const root = await stack.api(stack.admin);
    for (let i = 0; i < 24; i++) {
      const crm = ['zoho', 'hubspot', 'local'][i % 3];
      await root.post('/api/v1/admin/tenants', {
        id: `seeded_${i}`,
        name: `Seeded ${i}`,
        crm,
        llm: { provider: i % 4 === 0 ? 'ollama' : 'gemini' },
      });
    }
    await stack.sql(
      `UPDATE tenants SET created_at = now() - (substring(id from 8)::int % 12) * interval '1 day' WHERE id LIKE 'seeded_%'`,
    );
    await stack.sql(`
      INSERT INTO tenant_configs (tenant_id, phone_number_id, onboarding_completed, onboarding_completed_at, token_expires_at, created_at)
      SELECT id, '1065' || substring(id from 8), n % 3 = 0, CASE WHEN n % 3 = 0 THEN now() - (n % 5) * interval '1 day' END,
             CASE WHEN n < 4 THEN now() + (n + 1) * interval '1 day' END, now() - (n % 9) * interval '1 day'
      FROM (SELECT id, substring(id from 8)::int AS n FROM tenants WHERE id LIKE 'seeded_%') t WHERE n % 2 = 0`);
    // 15 leads over the last 10 days, as the CRM module stores them, each in its tenant's CRM.
    await stack.sql(`
      INSERT INTO leads (tenant_id, phone, crm_kind, created_at)
      SELECT t.id, '+9198000' || lpad(g::text, 5, '0'), t.crm_kind, now() - (g % 10) * interval '1 day'
      FROM generate_series(1, 15) g JOIN tenants t ON t.id = 'seeded_' || (g % 24)`);
    // 60 conversations' worth of traffic over the last 10 days, as the messaging pipeline stores it:
    // each inbound answered by Gemini (latency and tokens on the inbound row), every 7th reply failed.
    await stack.sql(`
      INSERT INTO messages (tenant_id, phone_number_id, contact_key, wa_id, direction, type, text, status, wamid,
                            idempotency_key, error, llm_provider, llm_model, llm_latency_ms, llm_prompt_tokens,
                            llm_completion_tokens, created_at)
      SELECT t.id, '1065000', 'wa:9198' || g, '9198' || g, d.direction, 'text', 'seeded',
             CASE WHEN d.direction = 'inbound' THEN 'processed' WHEN g % 7 = 0 THEN 'failed' ELSE 'delivered' END,
             'wamid.seed' || d.direction || g,
             CASE WHEN d.direction = 'outbound' THEN 'wamid.seedinbound' || g || ':0' END,
             CASE WHEN d.direction = 'outbound' AND g % 7 = 0
                  THEN '{"code": 131047, "title": "Re-engagement message", "detail": null}'::jsonb END,
             CASE WHEN d.direction = 'inbound' THEN 'gemini' END,
             CASE WHEN d.direction = 'inbound' THEN 'gemini-3.5-flash-lite' END,
             CASE WHEN d.direction = 'inbound' THEN 300 + (g % 11) * 40 END,
             CASE WHEN d.direction = 'inbound' THEN 120 + g % 50 END,
             CASE WHEN d.direction = 'inbound' THEN 40 + g % 30 END,
             now() - (g % 10) * interval '1 day'
      FROM generate_series(1, 60) g
      JOIN tenants t ON t.id = 'seeded_' || (g % 24)
      CROSS JOIN (VALUES ('inbound'), ('outbound')) AS d (direction)`);
  });
  afterAll(() => stack?.close());

  it('renders the figures and the time series as charts, with a date range', async () => {
    const page = await stack.newPage({ width: 1280, height: 1000 });
    await signIn(page, stack.admin);
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'Statistics' }).waitFor();
    await expectText(page, 'Tenants by CRM');
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await page.locator('.recharts-line-curve').first().waitFor();
    expect(await page.locator('.recharts-pie-sector').count()).toBeGreaterThanOrEqual(7);
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(10);
    const tiles = await page.locator('.tile').allInnerTexts();
    expect(tiles[0]).toContain('24');
    expect(tiles[1]).toContain('12');
    await expectText(page, '24 in range');
    // The pipeline's series, drawn from the seeded traffic; a series with nothing in range says so.
    for (const title of [
      'Messages per day, in and out',
      'Failed sends per day',
      'LLM latency',
      'LLM tokens per day',
    ]) {
      await page.locator('.chart-card', { hasText: title }).locator('.recharts-surface').first().waitFor();
    }
    await page
      .locator('.chart-card', { hasText: 'WhatsApp access tokens expiring' })
      .getByText('No data yet')
      .waitFor();
    const leads = page.locator('.chart-card', { hasText: 'Leads per day, by CRM' });
    await leads.getByText('15 in range').waitFor();
    expect(await leads.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);
    await page.screenshot({ path: screenshotPath('statistics'), fullPage: true });

    await page.getByRole('button', { name: '7 days' }).click();
    await page.waitForURL(/from=.*to=/);
    // The address changes first, the pressed button with the next render: wait for it, do not read it once.
    await page.locator('button[aria-pressed="true"]', { hasText: '7 days' }).waitFor();
    await page.getByLabel('From', { exact: true }).fill('2030-05-01');
    await page.getByLabel('To', { exact: true }).fill('2030-04-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(page, 'The first day must come before the last');
  });

  it('tells a series with nothing in the range from one this server does not have', async () => {
    const page = await stack.newPage({ width: 1280, height: 1000 });
    await signIn(page, stack.admin);
    await page.goto('/statistics?from=2031-01-01&to=2031-01-31');
    const leads = page.locator('.chart-card', { hasText: 'Leads per day, by CRM' });
    await leads.getByText('No data yet').waitFor();
    // Until the message pipeline serves its series, its chart says it is not available here.
    const served = (await fetchAsPage(page, '/api/v1/admin/stats/timeseries?series=messages_in')).body as {
      series: unknown[];
    };
    const messages = page.locator('.chart-card', { hasText: 'Messages per day, in and out' });
    await messages
      .getByText(served.series.length ? 'No data yet' : 'Not available in this build of the server')
      .waitFor();
    await page.screenshot({ path: screenshotPath('statistics-no-data'), fullPage: true });
  });

  it('fits a phone-sized screen', async () => {
    const page = await stack.newPage({ width: 375, height: 780 });
    await signIn(page, stack.admin);
    await page.goto('/statistics');
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await page.screenshot({ path: screenshotPath('statistics-mobile'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  });
});
