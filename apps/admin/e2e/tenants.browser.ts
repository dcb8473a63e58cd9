import { screenshotPath, Stack, startStack } from './support/stack';
import { expectText, fetchAsPage, signIn } from './support/ui';

describe('tenants console', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    const root = await stack.api(stack.admin);
    await root.post('/api/v1/admin/tenants', { id: 'globex', name: 'Globex Corporation', crm: 'zoho' });
  });
  afterAll(() => stack?.close());

  it('a platform admin creates a tenant and its admin; that admin signs in and sees only their tenant', async () => {
    const page = await stack.newPage();
    await signIn(page, stack.admin);
    await page.getByRole('link', { name: 'Tenants' }).click();
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    await expectText(page, 'Globex Corporation');
    await page.getByRole('link', { name: 'New tenant' }).click();

    // The form checks before it sends: no name, a malformed HubSpot token choice.
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await expectText(page, 'Enter the business name');
    await page.getByLabel('Name').fill('Acme Retail');
    expect(await page.getByLabel('Tenant id').inputValue()).toBe('acme_retail');
    await page.getByLabel('Default country').fill('in');
    await page.getByLabel('Welcome message').fill('Welcome to Acme! How can we help?');
    await page.getByLabel('CRM', { exact: true }).selectOption('hubspot');
    await page.getByLabel('HubSpot private app token', { exact: true }).fill('pat-na1-secret-token-4321');
    await page.getByLabel('LLM provider').selectOption('ollama');
    await page.screenshot({ path: screenshotPath('tenant-create'), fullPage: true });
    await page.getByRole('button', { name: 'Create tenant' }).click();

    await page.getByRole('heading', { name: 'Acme Retail' }).waitFor();
    await expectText(page, 'The tenant is created. Invite its first admin');
    await page.getByRole('button', { name: 'Invite the first admin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite an admin' });
    await dialog.getByRole('button', { name: 'Create admin' }).click();
    await expectText(page, 'Enter the admin’s email address');
    await dialog.getByLabel('Email').fill('owner@acme.test');
    await dialog.getByLabel('Initial password').fill('acme-password-1');
    await dialog.getByRole('button', { name: 'Create admin' }).click();
    await page.getByRole('cell', { name: 'owner@acme.test' }).waitFor();
    await page.screenshot({ path: screenshotPath('tenant-detail-admins'), fullPage: true });

    await page.getByRole('tab', { name: 'Settings' }).click();
    await expectText(page, '***4321');
    expect(await page.content()).not.toContain('pat-na1-secret-token');
    await page.screenshot({ path: screenshotPath('tenant-detail-settings'), fullPage: true });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expectText(page, 'No WhatsApp number connected');
    // Health is served (nothing checked yet); conversations wait for the platform route.
    await page.getByRole('term').getByText('WhatsApp access token').waitFor();
    await expectText(page, 'Not checked');
    await expectText(page, 'No conversations yet');
    await page.screenshot({ path: screenshotPath('tenant-detail-overview'), fullPage: true });

    const rows = await stack.sql<{ id: string; crm_kind: string; default_country: string }>(
      `SELECT id, crm_kind, default_country FROM tenants WHERE id = 'acme_retail'`,
    );
    expect(rows).toEqual([{ id: 'acme_retail', crm_kind: 'hubspot', default_country: 'IN' }]);

    // The new admin: their own tenant only.
    const tenantPage = await stack.newPage();
    await signIn(tenantPage, { email: 'owner@acme.test', password: 'acme-password-1' });
    await expectText(tenantPage, 'Tenant · acme_retail');
    expect(await tenantPage.getByRole('link', { name: 'Tenants' }).count()).toBe(0);
    await tenantPage.goto('/tenants');
    await expectText(tenantPage, 'This page is for platform admins only.');
    expect(await tenantPage.content()).not.toContain('Globex');
    await tenantPage.screenshot({ path: screenshotPath('tenant-admin-forbidden') });
    expect((await fetchAsPage(tenantPage, '/api/v1/tenant/settings')).body).toMatchObject({
      id: 'acme_retail',
    });
    expect((await fetchAsPage(tenantPage, '/api/v1/admin/tenants')).status).toBe(403);
    expect((await fetchAsPage(tenantPage, '/api/v1/admin/tenants/globex')).status).toBe(403);
  });

  it('edits settings, keeps secrets write-only, suspends and deletes a tenant behind its id', async () => {
    const root = await stack.api(stack.admin);
    await root.post('/api/v1/admin/tenants', {
      id: 'initech',
      name: 'Initech',
      crm: 'hubspot',
      hubspot: { api_key: 'pat-initech-9999' },
    });
    const page = await stack.newPage();
    await signIn(page, stack.admin);
    await page.goto('/tenants/initech?tab=settings');
    await expectText(page, '***9999');
    await page.getByLabel('Logo address').fill('not a url');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectText(page, 'Enter an http(s) address of the image');
    await page.getByLabel('Logo address').fill('https://cdn.example.com/initech.png');
    await page.getByLabel('HubSpot private app token', { exact: true }).fill('***9999');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectText(page, 'That is the masked value; paste the real one');
    await page.getByLabel('HubSpot private app token', { exact: true }).fill('pat-initech-new-1234');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expectText(page, '***1234');
    const [stored] = await stack.sql<{ logo_url: string }>(
      `SELECT logo_url FROM tenants WHERE id = 'initech'`,
    );
    expect(stored.logo_url).toBe('https://cdn.example.com/initech.png');

    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Suspend' }).click();
    await page.getByText('Suspended', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Delete tenant' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Initech?' });
    await confirm.getByRole('textbox').fill('initech-typo');
    expect(await confirm.getByRole('button', { name: 'Delete tenant' }).isDisabled()).toBe(true);
    await confirm.getByRole('textbox').fill('initech');
    await page.screenshot({ path: screenshotPath('tenant-delete-confirm') });
    await confirm.getByRole('button', { name: 'Delete tenant' }).click();
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    expect(await stack.sql(`SELECT 1 FROM tenants WHERE id = 'initech'`)).toHaveLength(0);
  });

  it('works on a phone-sized screen', async () => {
    const page = await stack.newPage({ width: 375, height: 780 });
    await signIn(page, stack.admin);
    await page.goto('/tenants');
    await expectText(page, 'Globex Corporation');
    await page.screenshot({ path: screenshotPath('tenants-mobile'), fullPage: true });
    await page.goto('/tenants/acme_retail');
    await page.getByRole('heading', { name: 'Acme Retail' }).waitFor();
    await page.screenshot({ path: screenshotPath('tenant-detail-mobile'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });
});
