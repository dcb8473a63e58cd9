import { screenshotPath, Stack, startStack } from './support/stack';
import { expectText, signIn } from './support/ui';

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
    await expectText(page, 'Available once the message pipeline is connected');
    await page.screenshot({ path: screenshotPath('statistics'), fullPage: true });

    await page.getByRole('button', { name: '7 days' }).click();
    await page.waitForURL(/from=.*to=/);
    expect(await page.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('From', { exact: true }).fill('2030-05-01');
    await page.getByLabel('To', { exact: true }).fill('2030-04-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(page, 'The first day must come before the last');
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
