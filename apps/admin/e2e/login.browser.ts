import { screenshotPath, Stack, startStack } from './support/stack';

describe('signing in to the admin app', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('validates the form, refuses a wrong password, signs in, and keeps the session across a reload', async () => {
    const page = await stack.newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.screenshot({ path: screenshotPath('login') });

    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page, 'Enter the email address of your Parley account');
    await expectText(page, 'Enter your password');

    await page.getByLabel('Email').fill(stack.admin.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page, 'Email or password is incorrect');

    await page.getByLabel('Password').fill(stack.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expectText(page, 'Healthy');
    await expectText(page, 'Platform admin');
    await page.screenshot({ path: screenshotPath('platform-overview'), fullPage: true });

    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(page.url()).toBe(`${stack.baseUrl}/`);
  });

  it('sends the user back to sign in when the token is no longer accepted', async () => {
    const page = await stack.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(stack.admin.email);
    await page.getByLabel('Password').fill(stack.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('parley.session')!);
      localStorage.setItem('parley.session', JSON.stringify({ ...session, token: `${session.token}x` }));
    });
    await page.reload();
    await expectText(page, 'Your session has expired');
    expect(page.url()).toContain('/login');
  });

  it('shows a tenant admin the tenant navigation, also on a phone-sized screen', async () => {
    const email = 'tenant-admin@browser.test';
    const root = await stack.api(stack.admin);
    await root.post('/api/v1/admin/tenants', { id: 'acme', name: 'Acme' });
    await root.post('/api/v1/admin/tenants/acme/users', { email, password: 'tenant-password-1' });
    const page = await stack.newPage({ width: 375, height: 740 });
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('tenant-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expectText(page, 'Tenant · acme');
    await page.screenshot({ path: screenshotPath('tenant-overview-mobile') });
  });
});

async function expectText(page: import('playwright-core').Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor();
}
