import type { Page } from 'playwright-core';

/** Signs in through the login page and waits for the console. */
export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

export async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor();
}

/** A fetch from inside the page, with the signed-in session's token, as the app itself would. */
export async function fetchAsPage(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (p) => {
    const session = JSON.parse(localStorage.getItem('parley.session') ?? 'null') as { token: string } | null;
    const res = await fetch(p, { headers: session ? { Authorization: `Bearer ${session.token}` } : {} });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, path);
}
