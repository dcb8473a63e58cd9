import { screenshotPath, Stack, startStack } from './support/stack';
import { expectText, signIn } from './support/ui';

describe('danger zone', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    const root = await stack.api(stack.admin);
    await root.post('/api/v1/admin/tenants', { id: 'wired', name: 'Wired Ltd' });
    await root.post('/api/v1/admin/tenants/wired/users', {
      email: 'admin@wired.test',
      password: 'wired-password-1',
    });
    const tenant = await stack.api({ email: 'admin@wired.test', password: 'wired-password-1' });
    await tenant.post('/api/v1/tenant/config', {
      phone_number_id: '106540352242922',
      access_token: 'EAAGwired-token',
    });
  });
  afterAll(() => stack?.close());

  it('names the count, and refuses anything but the exact phrase', async () => {
    const page = await stack.newPage();
    await signIn(page, stack.admin);
    await page.getByRole('link', { name: 'Danger zone' }).click();
    await expectText(page, 'right now 1 configuration');
    await page.screenshot({ path: screenshotPath('danger-zone'), fullPage: true });
    await page.getByRole('button', { name: 'Delete all 1 configuration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete all 1 WhatsApp configuration?' });
    for (const wrong of [
      'delete_all_configs_permanently',
      'DELETE_ALL_CONFIGS',
      'DELETE_ALL_CONFIGS_PERMANENTLY ',
    ]) {
      await dialog.getByRole('textbox').fill(wrong);
      expect(await dialog.getByRole('button', { name: 'Delete everything' }).isDisabled()).toBe(true);
      await dialog.getByRole('textbox').press('Enter');
    }
    await expectText(page, 'That is not the phrase yet');
    await page.screenshot({ path: screenshotPath('danger-zone-wrong-phrase') });
    expect(await dialog.isVisible()).toBe(true);
    expect(await stack.sql('SELECT 1 FROM tenant_configs')).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await stack.sql('SELECT 1 FROM tenant_configs')).toHaveLength(1);
    expect(await stack.sql(`SELECT 1 FROM audit_events WHERE action = 'config.delete_all'`)).toHaveLength(0);
  });

  it('deletes them all with the phrase', async () => {
    const page = await stack.newPage({ width: 375, height: 780 });
    await signIn(page, stack.admin);
    await page.goto('/danger-zone');
    await page.getByRole('button', { name: 'Delete all 1 configuration' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('DELETE_ALL_CONFIGS_PERMANENTLY');
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await expectText(page, 'Deleted 1 configuration');
    await expectText(page, 'There are no configurations to delete');
    await page.screenshot({ path: screenshotPath('danger-zone-mobile-done'), fullPage: true });
    expect(await stack.sql('SELECT 1 FROM tenant_configs')).toHaveLength(0);
  });
});
