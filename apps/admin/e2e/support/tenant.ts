import type { Page } from 'playwright-core';
import { screenshotPath, type Stack } from './stack';

export const OWNER = { email: 'owner@acme.test', password: 'tenant-password-1' };

/** The tenant `acme` with its admin, created by the platform admin through the API. */
export async function createAcme(stack: Stack): Promise<void> {
  const root = await stack.api(stack.admin);
  await root.post('/api/v1/admin/tenants', { id: 'acme', name: 'Acme Dental', default_country: 'IN' });
  await root.post('/api/v1/admin/tenants/acme/users', OWNER);
}

/** Opens a page from the sidebar and waits for its heading. */
export async function openFromNav(page: Page, label: string, heading = label): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** A full-page screenshot from the top (a sticky sidebar would otherwise sit where the page was scrolled). */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/** Errors thrown in the page (a crashed React tree), collected for an assertion at the end. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
