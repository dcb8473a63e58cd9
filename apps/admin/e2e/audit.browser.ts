import { screenshotPath, Stack, startStack } from './support/stack';
import { expectText, signIn } from './support/ui';

describe('audit log', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    const root = await stack.api(stack.admin);
    await root.post('/api/v1/admin/tenants', {
      id: 'audited',
      name: 'Audited Co',
      crm: 'hubspot',
      hubspot: { api_key: 'pat-audited-secret-5678' },
    });
    await root.patch('/api/v1/admin/tenants/audited', {
      name: 'Audited Company',
      llm: { provider: 'ollama' },
    });
    await root.post('/api/v1/admin/tenants', { id: 'other', name: 'Other' });
  });
  afterAll(() => stack?.close());

  it('lists every event, filters by tenant and action, and shows masked before and after', async () => {
    const page = await stack.newPage();
    await signIn(page, stack.admin);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expectText(page, 'tenant.update');
    await expectText(page, '1–3 of 3 events');
    await page.getByLabel('Tenant id').fill('audited');
    await page.getByLabel('Action').fill('tenant.update');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expectText(page, '1–1 of 1 events');
    expect(page.url()).toContain('tenant_id=audited');
    await page.screenshot({ path: screenshotPath('audit-log'), fullPage: true });

    await page.getByRole('button', { name: 'Inspect' }).click();
    const dialog = page.getByRole('dialog', { name: 'tenant.update' });
    await dialog.getByRole('cell', { name: 'Audited Company' }).waitFor();
    await dialog.getByRole('cell', { name: 'llm.provider' }).waitFor();
    expect(await dialog.getByRole('cell', { name: 'hubspot.api_key' }).count()).toBe(0);
    await dialog.getByLabel('Only what changed').uncheck();
    await dialog.getByRole('cell', { name: '***5678' }).first().waitFor();
    expect(await page.content()).not.toContain('pat-audited-secret');
    await page.screenshot({ path: screenshotPath('audit-event') });
    await page.keyboard.press('Escape');

    await page.getByLabel('From').fill('2031-01-01');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expectText(page, 'No event matches these filters');
  });
});
