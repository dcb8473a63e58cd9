import type { Page } from 'playwright-core';
import { Stack, startStack } from './support/stack';
import { collectPageErrors, createAcme, openFromNav, OWNER, shoot } from './support/tenant';
import { expectText, signIn } from './support/ui';

const PAGES = [
  { nav: 'Connect', heading: 'Connect WhatsApp', name: 'onboarding' },
  { nav: 'Knowledge', heading: 'Knowledge', name: 'knowledge' },
  { nav: 'Conversations', heading: 'Conversations', name: 'conversations' },
  { nav: 'Playground', heading: 'Playground', name: 'playground' },
  { nav: 'Assistant', heading: 'Assistant', name: 'assistant-bot-texts' },
  { nav: 'WhatsApp', heading: 'WhatsApp', name: 'whatsapp-health' },
];

/** Something a person can act on: the page's content, or its error state with a way out. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.state-loading'));
}

/**
 * The tenant pages of round 2 against the real API, whatever parts of it are merged: each page
 * opens from the navigation, settles in its content or its error state (never a blank or crashed
 * page), works at 375 px, and keeps secrets masked.
 */
describe('tenant pages of round 2', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ PUBLIC_URL: 'https://parley.acme.test' });
    await createAcme(stack);
    const owner = await stack.api(OWNER);
    await owner.post('/api/v1/tenant/config', {
      phone_number_id: '106540352242922',
      waba_id: '102290129340398',
      access_token: 'EAAG-browser-test-token-0002',
      onboarding_completed: true,
    });
  });
  afterAll(() => stack?.close());

  for (const width of [1280, 375]) {
    it(`opens every new page from the navigation at ${width} px without crashing`, async () => {
      const page = await stack.newPage({ width, height: 860 });
      const errors = collectPageErrors(page);
      await signIn(page, OWNER);
      for (const target of PAGES) {
        if (width < 600) await page.getByRole('button', { name: 'Open navigation' }).click();
        await openFromNav(page, target.nav, target.heading);
        await settled(page);
        expect(await page.locator('main').innerText()).not.toBe('');
        expect(await page.content()).not.toContain('EAAG-browser-test-token-0002');
        await shoot(page, `tenant-${target.name}-${width}`);
      }
      expect(errors).toEqual([]);
    });
  }

  it('checks the forms before sending: knowledge address, playground number, bot text placeholders', async () => {
    const page = await stack.newPage();
    await signIn(page, OWNER);

    await openFromNav(page, 'Knowledge');
    await page.getByLabel('Web address').fill('acme.test/prices');
    await page.getByLabel('Link depth').fill('5');
    await page.getByRole('button', { name: 'Add website' }).click();
    await expectText(page, 'Enter a full web address starting with https:// or http://');
    await expectText(page, 'A whole number from 0 to 3');

    await openFromNav(page, 'Playground');
    await page.getByLabel('Phone number').fill('12');
    await page.getByRole('textbox', { name: 'Message' }).fill('Hi');
    await page.getByRole('button', { name: 'Send' }).click();
    await expectText(page, 'Use the full number with country code');

    await openFromNav(page, 'Assistant');
    await settled(page);
    const greeting = page.getByLabel('Greeting a known contact');
    if (await greeting.count()) {
      await greeting.fill('Hello {nmae}!');
      await page.getByRole('button', { name: 'Save texts' }).click();
      await expectText(page, '{nmae} is not a placeholder Parley fills in');
    }
  });
});
