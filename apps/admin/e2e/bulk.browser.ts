import { screenshotPath, Stack, startStack } from './support/stack';
import { expectText, signIn } from './support/ui';

describe('bulk operations in the tenants console', () => {
  let stack: Stack;
  const ids = [1, 2, 3, 4, 5].map((i) => `bulkprobe_${i}`);

  beforeAll(async () => {
    stack = await startStack();
    const root = await stack.api(stack.admin);
    for (const [i, id] of ids.entries()) {
      await root.post('/api/v1/admin/tenants', {
        id,
        name: `Bulk probe ${i + 1}`,
        crm: i % 2 ? 'zoho' : 'local',
      });
    }
  });
  afterAll(() => stack?.close());

  const statuses = async () =>
    Object.fromEntries(
      (
        await stack.sql<{ id: string; status: string }>(
          'SELECT id, status FROM tenants WHERE id = ANY($1) ORDER BY id',
          [ids],
        )
      ).map((r) => [r.id, r.status]),
    );

  it('deactivates 3 tenants, with progress and a result for each', async () => {
    const page = await stack.newPage();
    await signIn(page, stack.admin);
    await page.goto('/tenants?search=bulkprobe');
    await expectText(page, '1–5 of 5 tenants');
    for (const n of [1, 2, 4]) await page.getByLabel(`Select Bulk probe ${n}`, { exact: true }).check();
    await expectText(page, '3 tenants selected');
    await page
      .getByRole('region', { name: 'Bulk actions' })
      .getByRole('button', { name: 'Deactivate' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate 3 tenants?' });
    await dialog.getByRole('button', { name: 'Deactivate 3 tenants' }).click();

    await page.getByText('Completed', { exact: true }).waitFor();
    await expectText(page, '3 of 3 handled · 3 deactivated · 0 skipped · 0 failed');
    expect(await page.getByRole('region', { name: 'Bulk actions' }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('bulk')).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('table').nth(1).getByText('Suspended').nth(2).waitFor();
    await page.screenshot({ path: screenshotPath('tenants-bulk-progress'), fullPage: true });
    expect(await statuses()).toEqual({
      bulkprobe_1: 'suspended',
      bulkprobe_2: 'suspended',
      bulkprobe_3: 'active',
      bulkprobe_4: 'suspended',
      bulkprobe_5: 'active',
    });
    const audit = await stack.sql('SELECT tenant_id FROM audit_events WHERE action = $1', [
      'tenant.bulk_deactivate',
    ]);
    expect(audit).toHaveLength(3);
  });

  it('selects every matching tenant across pages, and guards delete with a phrase naming the count', async () => {
    const page = await stack.newPage();
    await signIn(page, stack.admin);
    await page.goto('/tenants?search=bulkprobe&page_size=2');
    await expectText(page, '1–2 of 5 tenants');
    await page.getByLabel('Select every tenant on this page').check();
    await page.getByRole('button', { name: 'Select all 5 tenants matching the filters' }).click();
    await expectText(page, 'All 5 tenants matching the filters are selected');
    await page.getByRole('button', { name: 'Next' }).click();
    await expectText(page, '3–4 of 5 tenants');
    expect(await page.getByLabel('Select Bulk probe 3', { exact: true }).isChecked()).toBe(true);

    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 5 tenants?' });
    await confirm.getByRole('textbox').fill('DELETE 3 TENANTS');
    await expectText(page, 'That is not the phrase yet');
    expect(await confirm.getByRole('button', { name: 'Delete 5 tenants' }).isDisabled()).toBe(true);
    await confirm.getByRole('textbox').press('Enter');
    await page.screenshot({ path: screenshotPath('tenants-bulk-delete-confirm') });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(Object.keys(await statuses())).toHaveLength(5);

    await bar.getByRole('button', { name: 'Activate', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Activate 5 tenants?' })
      .getByRole('button', { name: 'Activate 5 tenants' })
      .click();
    await expectText(page, '5 of 5 handled · 3 activated · 2 skipped · 0 failed');
    await page.getByRole('button', { name: 'Skipped', exact: true }).click();
    await expectText(page, 'Already active');
    expect(Object.values(await statuses())).toEqual(['active', 'active', 'active', 'active', 'active']);

    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByText('Recent bulk operations').click();
    await page.getByRole('button', { name: 'Deactivate 3' }).click();
    await expectText(page, '3 of 3 handled · 3 deactivated');
  });
});
