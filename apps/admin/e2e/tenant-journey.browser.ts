import { FacebookSdkFake, FakeServer, GeminiFake, GraphFake, HubSpotFake, type MetaApp } from '@parley/fakes';
import type { Page } from 'playwright-core';
import { signupOnMeta, startMetaAndGemini } from './support/merged-fakes';
import { Stack, startStack } from './support/stack';
import { collectPageErrors, createAcme, openFromNav, OWNER, shoot } from './support/tenant';
import { expectText, signIn } from './support/ui';

const ANSWER = 'On Saturdays we open at 9 am and close at 1 pm.';
const CUSTOMER = { phone: '+91 98765 43210', name: 'Priya Sharma', email: 'priya@example.com' };

/** The clinic's website the bot learns from. */
function startWebsite(): Promise<FakeServer> {
  const page = (title: string, body: string) => ({
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    raw: `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`,
  });
  return new FakeServer('acme-site')
    .route('GET', '/', () =>
      page('Acme Dental', '<p>Family dentistry in Pune.</p><a href="/hours">Opening hours</a>'),
    )
    .route('GET', '/hours', () => page('Opening hours', `<p>${ANSWER}</p><p>Weekdays 8 am to 6 pm.</p>`))
    .start();
}

/**
 * The whole tenant journey in Chromium against the built API and admin app, every vendor a
 * fake: Embedded Signup through the fake Facebook SDK and the Meta Graph fake, HubSpot, a website
 * to learn from, Gemini; then a playground chat that greets, captures a lead and answers from the
 * page; and the lead and the conversation in the admin app. The steps share one page, in order.
 */
describe('a tenant admin runs their bot end to end', () => {
  let stack: Stack;
  let sdk: FacebookSdkFake;
  let hubspot: HubSpotFake;
  let hubspotToken: string;
  let meta: GraphFake;
  let metaApp: MetaApp;
  let gemini: GeminiFake;
  let site: FakeServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    ({ meta, app: metaApp, gemini } = await startMetaAndGemini());
    sdk = await new FacebookSdkFake().start();
    hubspot = await new HubSpotFake().start();
    hubspotToken = hubspot.createPortal().token;
    site = await startWebsite();
    stack = await startStack({
      PUBLIC_URL: 'https://parley.acme.test',
      FB_APP_ID: metaApp.id,
      FB_APP_SECRET: metaApp.secret,
      FB_CONFIG_ID: '998877',
      FB_SDK_URL: `${sdk.url}/sdk.js`,
      WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'verify-token-journey',
      GRAPH_API_BASE_URL: meta.url,
      HUBSPOT_API_BASE_URL: hubspot.url,
      GEMINI_API_BASE_URL: gemini.url,
      GEMINI_API_KEY: 'fake-gemini-key',
      RAG_ALLOW_PRIVATE_URLS: 'true',
      CRM_TIMEOUT: '5',
    });
    await createAcme(stack);
    page = await stack.newPage();
    pageErrors = collectPageErrors(page);
    await signIn(page, OWNER);
  });

  afterAll(async () => {
    await stack?.close();
    await Promise.all([sdk, hubspot, meta, gemini, site].map((f) => f?.stop()));
  });

  it('connects the number through Embedded Signup and sees it connected', async () => {
    await openFromNav(page, 'Connect', 'Connect WhatsApp');
    await expectText(page, 'Embedded Signup configuration');
    await shoot(page, 'journey-1-onboarding');

    // First try: the code expires before Parley exchanges it. Meta's error, in the tenant's words.
    const late = signupOnMeta(meta, metaApp);
    meta.onboarding.expireCode(late.code);
    sdk.nextSignup({ ...late, event: 'FINISH' });
    await page.waitForFunction(() => !document.querySelector('.connect-actions button[disabled]'));
    await page.getByRole('button', { name: 'Connect WhatsApp' }).click();
    await expectText(page, "Facebook's authorisation could not be used");
    await expectText(page, 'This authorization code has expired.');
    // A spent code cannot be retried: only connecting again is offered.
    expect(await page.getByRole('button', { name: 'Retry the failed step' }).count()).toBe(0);
    await shoot(page, 'journey-1b-onboarding-failed');

    // Connecting again with a fresh code works.
    const signup = signupOnMeta(meta, metaApp);
    sdk.nextSignup({ ...signup, event: 'FINISH' });
    await page.waitForFunction(() => !document.querySelector('.connect-actions button[disabled]'));
    await page.getByRole('button', { name: 'Connect again with Facebook' }).click();
    await expectText(page, `Connected: ${signup.display_phone_number}`);
    await shoot(page, 'journey-2-onboarded');

    await openFromNav(page, 'WhatsApp');
    await expectText(page, 'Active: the bot answers');
    await expectText(page, signup.phone_number_id);
    await expectText(page, 'https://parley.acme.test/webhooks/whatsapp/acme');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText('Working', { exact: true }).first().waitFor();
    await shoot(page, 'journey-3-whatsapp');
  });

  it('connects HubSpot', async () => {
    await openFromNav(page, 'CRM');
    await page.getByRole('radio', { name: /HubSpot/ }).check();
    await page.getByLabel('Private app token', { exact: true }).fill(hubspotToken);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expectText(page, 'The connection works');
    await shoot(page, 'journey-4-crm');
  });

  it('adds the website to the knowledge and watches it finish', async () => {
    await openFromNav(page, 'Knowledge');
    await page.getByLabel('Web address').fill(`${site.url}/`);
    await page.getByLabel('Link depth').fill('1');
    await page.getByRole('button', { name: 'Add website' }).click();
    const item = page.getByRole('listitem', { name: `${site.url}/` });
    await item.waitFor();
    await shoot(page, 'journey-5-knowledge-ingesting');
    await item.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await item.getByText(/2 pages/).waitFor();
    await shoot(page, 'journey-6-knowledge-ready');

    // The same address again: the API's 409 message, next to the form.
    await page.getByLabel('Web address').fill(`${site.url}/`);
    await page.getByRole('button', { name: 'Add website' }).click();
    await expectText(page, `${site.url}/ is already a knowledge source`);
  });

  it('chats in the playground: greeted, captured as a lead, answered from the page', async () => {
    await openFromNav(page, 'Playground');
    await page.getByLabel('Phone number').fill(CUSTOMER.phone);
    await page.getByLabel('WhatsApp profile name').fill('Priya');
    const say = async (text: string) => {
      const before = await page.getByTestId('playground-bot').count();
      await page.getByRole('textbox', { name: 'Message' }).fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="playground-bot"]').length > n,
        before,
        {
          timeout: 30_000,
        },
      );
      return (await page.getByTestId('playground-bot').allInnerTexts()).slice(before).join('\n');
    };

    expect(await say('Hi')).toMatch(/name/i);
    expect(await say(CUSTOMER.name)).toMatch(/email/i);
    expect(await say(CUSTOMER.email)).toMatch(/Priya/);
    const answer = await say('When do you open on Saturday?');
    // The Gemini fake echoes the first sentence of the first retrieved passage.
    expect(answer).toMatch(/Based on: .*On Saturdays we open at 9 am/);
    await shoot(page, 'journey-7-playground');
  });

  it('sees the lead (in HubSpot) and the conversation with its messages', async () => {
    await openFromNav(page, 'Leads');
    const row = page.getByRole('row', { name: /Priya Sharma/ });
    await row.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
    // The filter counts agree with the list (they were once stale from the CRM page).
    await page.getByRole('button', { name: /^All\s*1$/ }).waitFor();
    await shoot(page, 'journey-8-leads');

    await openFromNav(page, 'Conversations');
    await page.getByRole('link', { name: /Priya Sharma/ }).click();
    // The thread itself, not the list's preview of the last message.
    const thread = page.getByRole('region', { name: 'Conversation with Priya Sharma' });
    await thread.getByText('When do you open on Saturday?', { exact: true }).waitFor();
    await thread.getByText(/Based on: .*9 am/).waitFor();
    await page.getByText('Captured lead').first().waitFor();
    await shoot(page, 'journey-9-conversation');

    // An old link to a conversation that is not there: the API's 404 in plain words, no retry.
    await page.goto('/conversations/00000000-0000-0000-0000-000000000000');
    await page.getByText('Not found', { exact: true }).waitFor();
    await expectText(page, 'Conversation 00000000-0000-0000-0000-000000000000 not found');
    expect(pageErrors).toEqual([]);
  });

  it('shows the rest of the setup and the overview with everything done', async () => {
    await openFromNav(page, 'Assistant');
    await shoot(page, 'journey-10-assistant');
    await openFromNav(page, 'Branding');
    await shoot(page, 'journey-11-branding');
    await openFromNav(page, 'Audit');
    await expectText(page, 'Connected a WhatsApp number with Facebook');
    await expectText(page, 'Added a website to the knowledge');
    await shoot(page, 'journey-12-audit');
    await openFromNav(page, 'Overview');
    await shoot(page, 'journey-13-overview');
    expect(pageErrors).toEqual([]);
  });

  it('reads the conversation and the playground on a 375 px phone', async () => {
    const phone = await stack.newPage({ width: 375, height: 780 });
    const errors = collectPageErrors(phone);
    await signIn(phone, OWNER);
    await phone.goto('/conversations');
    await phone.getByRole('link', { name: /Priya Sharma/ }).click();
    await phone
      .getByRole('region', { name: 'Conversation with Priya Sharma' })
      .getByText(/Based on:/)
      .waitFor();
    await shoot(phone, 'journey-14-conversation-375');
    await phone.goto('/playground');
    await phone.getByRole('heading', { name: 'Playground', level: 1 }).waitFor();
    await shoot(phone, 'journey-15-playground-375');
    expect(errors).toEqual([]);
  });
});
