import { HubSpotFake } from '@parley/fakes';
import type { Page } from 'playwright-core';
import { logoPng } from './support/png';
import { screenshotPath, Stack, startStack } from './support/stack';
import { expectText, signIn } from './support/ui';

const OWNER = { email: 'owner@acme.test', password: 'tenant-password-1' };
const ACCESS_TOKEN = 'EAAG-browser-test-token-0001';
const LOGO_URL = 'https://cdn.acme.test/logo.png';
const PAGES = [
  { path: '/', heading: 'Overview', name: 'overview' },
  { path: '/whatsapp', heading: 'WhatsApp', name: 'whatsapp' },
  { path: '/branding', heading: 'Branding', name: 'branding' },
  { path: '/crm', heading: 'CRM', name: 'crm' },
  { path: '/assistant', heading: 'Assistant', name: 'assistant' },
  { path: '/leads', heading: 'Leads', name: 'leads' },
  { path: '/audit-events', heading: 'Audit', name: 'audit' },
];

/**
 * A tenant admin runs their bot from the admin app, against the real API and the HubSpot fake:
 * connects a number by hand, brands the first message, connects HubSpot and tests it, adds a lead
 * that reaches HubSpot, tunes the assistant and reads the audit log. The steps share one page.
 */
describe('a tenant admin sets up their bot', () => {
  let stack: Stack;
  let hubspot: HubSpotFake;
  let hubspotToken: string;
  let page: Page;

  beforeAll(async () => {
    hubspot = await new HubSpotFake().start();
    hubspotToken = hubspot.createPortal().token;
    stack = await startStack({
      HUBSPOT_API_BASE_URL: hubspot.url,
      PUBLIC_URL: 'https://parley.acme.test',
      CRM_TIMEOUT: '5',
    });
    const root = await stack.api(stack.admin);
    await root.post('/api/v1/admin/tenants', { id: 'acme', name: 'Acme Dental', default_country: 'IN' });
    await root.post('/api/v1/admin/tenants/acme/users', OWNER);
    page = await stack.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.route(LOGO_URL, (route) => route.fulfill({ contentType: 'image/png', body: logoPng() }));
    await signIn(page, OWNER);
  });

  afterAll(async () => {
    await stack?.close();
    await hubspot?.stop();
  });

  it('starts on an overview that shows what is left to set up', async () => {
    await expectText(page, '1 of 4 steps done');
    await expectText(page, 'No number is connected yet.');
  });

  it('connects a WhatsApp number by hand; secrets stay masked until revealed', async () => {
    await nav(page, 'WhatsApp');
    await page.getByRole('button', { name: 'Connect number' }).click();
    await expectText(page, 'Enter the phone number id from Meta');
    await expectText(page, 'Paste the access token');

    await page.getByLabel('Phone number id').fill('106540352242922');
    await page.getByLabel('WhatsApp Business Account id').fill('102290129340398');
    await page.getByLabel('Display phone number (optional)').fill('+1 555-078-3881');
    await page.getByLabel('Access token', { exact: true }).fill(ACCESS_TOKEN);
    await shoot(page, 'tenant-page-whatsapp-setup');
    await page.getByRole('button', { name: 'Connect number' }).click();

    await expectText(page, 'Active: the bot answers');
    await expectText(page, '***0001');
    expect(await page.content()).not.toContain(ACCESS_TOKEN);
    const callback = 'https://parley.acme.test/webhooks/whatsapp/acme';
    await expectText(page, callback);
    await page.getByRole('button', { name: 'Copy the callback URL' }).click();
    await expectText(page, 'Copied');
    expect(await clipboard(page)).toBe(callback);

    await page.getByRole('button', { name: 'Reveal to copy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reveal the secrets?' });
    await dialog.getByRole('button', { name: 'Reveal' }).click();
    await expectText(page, ACCESS_TOKEN);
    const [row] = await stack.sql<{ count: string }>(
      `SELECT count(*) FROM audit_events WHERE tenant_id = 'acme' AND action = 'config.reveal'`,
    );
    expect(row.count).toBe('1');
    await page.getByRole('button', { name: 'Copy the verify token' }).click();
    const verifyToken = await clipboard(page);
    expect(verifyToken).toMatch(/^[\w-]{24,}$/);
    await shoot(page, 'tenant-page-whatsapp-revealed');

    await page.getByRole('button', { name: 'Hide secrets' }).click();
    await page.getByRole('button', { name: 'Reveal secrets' }).waitFor();
    expect(await page.content()).not.toContain(verifyToken);
    expect(await page.content()).not.toContain(ACCESS_TOKEN);
  });

  it('edits the welcome message and logo and sees the first exchange in the preview', async () => {
    await nav(page, 'Branding');
    await page.getByLabel('Welcome message').fill('Welcome to *Acme Dental*!\nWe reply within minutes.');
    await expectText(page, 'We reply within minutes.');
    expect(await page.getByTestId('wa-welcome').locator('strong').textContent()).toBe('Acme Dental');

    await page.getByLabel('Logo URL').fill('logo.png');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(page, 'Enter the full http(s) address of the image');

    await page.getByLabel('Logo URL').fill(LOGO_URL);
    const logo = page.getByTestId('wa-logo').locator('img');
    await logo.waitFor();
    await logoLoaded(page);
    const order = await page
      .locator('.wa-chat > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')));
    expect(order).toEqual(['wa-customer', 'wa-welcome', 'wa-logo', 'wa-name-question']);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const [tenant] = await stack.sql<{ welcome_message: string; logo_url: string }>(
      `SELECT welcome_message, logo_url FROM tenants WHERE id = 'acme'`,
    );
    expect(tenant).toEqual({
      welcome_message: 'Welcome to *Acme Dental*!\nWe reply within minutes.',
      logo_url: LOGO_URL,
    });
  });

  it('connects HubSpot with a write-only token and tests the connection', async () => {
    await nav(page, 'CRM');
    await page.getByRole('radio', { name: /Zoho CRM/ }).check();
    await page.getByLabel('Data centre').selectOption('IN');
    await expectText(page, 'https://www.zohoapis.in');
    await shoot(page, 'tenant-page-crm-zoho');

    await page.getByRole('radio', { name: /HubSpot/ }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(page, 'Paste the value');

    await page.getByLabel('Private app token', { exact: true }).fill(hubspotToken);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect(await page.getByLabel('Private app token', { exact: true }).inputValue()).toBe('');
    await expectText(page, `***${hubspotToken.slice(-4)}`);
    expect(await page.content()).not.toContain(hubspotToken);

    await page.getByRole('button', { name: 'Test connection' }).click();
    await expectText(page, 'The connection works');
    await expectText(page, 'Connected to HubSpot');
    await page.getByText('Healthy', { exact: true }).waitFor();
    await shoot(page, 'tenant-page-crm-tested');
  });

  it('adds a lead by hand and watches it reach HubSpot', async () => {
    await nav(page, 'Leads');
    await expectText(page, 'No leads yet');
    await page.getByRole('button', { name: 'Add lead', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a lead' });
    await dialog.getByLabel('Name').fill('Ana María de la Cruz');
    await dialog.getByLabel('Phone').fill('+91 98765 43210');
    await dialog.getByLabel('Email (optional)').fill('ana@example.com');
    await dialog.getByRole('button', { name: 'Add lead' }).click();

    const row = page.getByRole('row', { name: /Ana María de la Cruz/ });
    await row.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
    await row.getByText('In HubSpot').waitFor();
    expect(hubspot.contactsOf(hubspotToken)).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({
          firstname: 'Ana María',
          lastname: 'de la Cruz',
          email: 'ana@example.com',
          phone: '+919876543210',
        }),
      }),
    ]);
  });

  it('shows a lead HubSpot refused, and why, and sends it again on request', async () => {
    hubspot.fail({
      method: 'POST',
      path: '/^\\/crm\\/v3\\/objects\\/contacts$/',
      times: 1,
      response: {
        status: 400,
        body: {
          status: 'error',
          message: 'Property values were not valid: email is invalid',
          correlationId: 'b7a1f1f4-0c55-4d6e-9d0b-1b2c3d4e5f60',
          category: 'VALIDATION_ERROR',
        },
      },
    });
    await page.getByRole('button', { name: 'Add lead', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a lead' });
    await dialog.getByLabel('Name').fill('Ravi Kumar');
    await dialog.getByLabel('Phone').fill('+91 91234 56789');
    await dialog.getByRole('button', { name: 'Add lead' }).click();

    const row = page.getByRole('row', { name: /Ravi Kumar/ });
    await row.getByText('Failed', { exact: true }).waitFor({ timeout: 30_000 });
    await row.getByText(/HubSpot refused the contact \(VALIDATION_ERROR/).waitFor();
    await shoot(page, 'tenant-page-leads-failed');

    await row.getByRole('button', { name: 'Retry sending Ravi Kumar to the CRM' }).click();
    await expectText(page, 'Ravi Kumar is queued for the CRM again.');
    await row.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
    expect(hubspot.contactsOf(hubspotToken)).toHaveLength(2);
  });

  it('writes instructions for the assistant', async () => {
    await nav(page, 'Assistant');
    await page.getByRole('textbox', { name: 'Model', exact: true }).fill('gemini 2.5');
    await page
      .getByLabel('System prompt')
      .fill('You are the assistant of Acme Dental. Answer briefly and kindly.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(page, 'Model names have no spaces');
    await page.getByRole('textbox', { name: 'Model', exact: true }).fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
  });

  it('reads its own audit log, with secrets masked', async () => {
    await nav(page, 'Audit');
    for (const action of ['Connected a WhatsApp number', 'Revealed the WhatsApp secrets', 'Added a lead'])
      await expectText(page, action);
    await page.getByRole('button', { name: /^Details of "Changed the settings: CRM"/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Changed the settings: CRM' });
    await dialog.getByText('hubspot.api_key').waitFor();
    await dialog.getByText(`***${hubspotToken.slice(-4)}`).waitFor();
    expect(await dialog.textContent()).not.toContain(hubspotToken);
    await shoot(page, 'tenant-page-audit-details');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByLabel('Action').selectOption('lead.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/audit-events?action=lead.');
    await page.waitForFunction(
      () => document.querySelectorAll('button[aria-label^="Details of"]').length === 3,
    );
    await page.getByRole('button', { name: /^Details of "Retried a lead"/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Details of "Added a lead"/ }).count()).toBe(2);
  });

  it('shows the whole setup done on the overview', async () => {
    await nav(page, 'Overview');
    await expectText(page, 'Everything is set up.');
    await expectText(page, 'Connected to HubSpot.');
    await page.getByRole('link', { name: '2 synced leads' }).waitFor();
  });

  it('is usable on a desktop and on a 375 px phone, page by page', async () => {
    const phone = await stack.newPage({ width: 375, height: 760 });
    await phone.route(LOGO_URL, (route) => route.fulfill({ contentType: 'image/png', body: logoPng() }));
    await signIn(phone, OWNER);
    for (const target of [page, phone]) {
      const size = target === page ? 'desktop' : 'phone';
      for (const { path, heading, name } of PAGES) {
        await target.goto(path);
        await target.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
        await target.waitForFunction(() => !document.querySelector('.state-loading'));
        if (name === 'branding') await logoLoaded(target);
        const overflow = await target.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect({ page: name, size, overflow }).toEqual({ page: name, size, overflow: 0 });
        await shoot(target, `tenant-page-${name}-${size}`);
      }
    }
  });

  it('is reachable with the keyboard: the reveal question opens from Tab and Enter and closes on Escape', async () => {
    await page.goto('/whatsapp');
    await page.getByRole('heading', { name: 'WhatsApp', level: 1 }).waitFor();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent);
      if (focused === 'Reveal secrets') break;
    }
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Reveal the secrets?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it("refuses a platform admin on a tenant's page", async () => {
    const other = await stack.newPage();
    await signIn(other, stack.admin);
    await other.goto('/crm');
    await expectText(other, 'You do not have access to this');
  });
});

async function nav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { name: label, level: 1 }).waitFor();
}

/** A full-page screenshot from the top (a sticky sidebar would otherwise sit where the page was scrolled). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/** Waits until the preview's logo image has really loaded (not merely been added). */
async function logoLoaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector<HTMLImageElement>('[data-testid="wa-logo"] img')?.naturalWidth,
  );
}

function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}
