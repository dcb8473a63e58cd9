import { graphError, HubSpotFake, ZohoFake } from '@parley/fakes';
import type { OnboardingFailure, OnboardingStep, WhatsAppOnboardResponse } from '@parley/shared-types';
import type { Response } from 'supertest';
import { SecretBox } from '../src/common/crypto/secret-box';
import { JobQueue } from '../src/modules/jobs/job-queue.service';
import { MESSAGE_SENDER, type MessageSender } from '../src/modules/whatsapp';
import { CredentialCheckService } from '../src/modules/onboarding/credential-check.service';
import { CREDENTIAL_SWEEP_QUEUE } from '../src/modules/onboarding/credential-check.worker';
import { crmEnv } from './support/crm';
import { createTenant, platformAdmin, TestTenant } from './support/fixtures';
import { MetaFake, startMetaFake } from './support/meta-onboarding';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

const ONBOARD = '/api/v1/tenant/onboard/whatsapp-client';
const STEPS = '/api/v1/tenant/onboard/steps';
const CONFIG = '/api/v1/tenant/onboard/config';

describe('Onboarding: Embedded Signup, Zoho connect, HubSpot check, credential health', () => {
  let meta: MetaFake;
  let zoho: ZohoFake;
  let hubspot: HubSpotFake;
  let t: TestApp;
  /** Every response body of this suite, scanned for secrets at the end. */
  const seen: string[] = [];
  const secrets: string[] = [];
  const keep = (res: Response) => {
    seen.push(JSON.stringify({ body: res.body as unknown, text: res.text, headers: res.headers as unknown }));
    return res;
  };

  beforeAll(async () => {
    meta = await startMetaFake();
    zoho = await new ZohoFake().start();
    hubspot = await new HubSpotFake().start();
    t = await startTestApp({ ...crmEnv({ zoho, hubspot }), ...meta.env });
    secrets.push(meta.app.secret);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([meta.stop(), zoho.stop(), hubspot.stop()]);
  });

  /** A customer who has just finished the popup: the body the admin app posts. */
  const signup = (options: Parameters<MetaFake['state']['signup']>[2] & { registered?: boolean } = {}) => {
    const { waba, phone } = meta.state.createWaba({ registered: options.registered });
    const code = meta.state.signup(meta.app, waba, options);
    return {
      waba,
      phone,
      body: { code, waba_id: waba.id, phone_number_id: phone.id, business_id: waba.businessId },
    };
  };
  const onboard = async (tenant: TestTenant, body: Record<string, unknown>) =>
    keep(await t.http().post(ONBOARD).set(bearer(tenant.admin.token)).send(body));
  const steps = async (tenant: TestTenant) =>
    keep(await t.http().get(STEPS).set(bearer(tenant.admin.token))).body as OnboardingStep[];
  const configRow = async (tenantId: string) =>
    (
      await t.dataSource.query<Record<string, unknown>[]>(
        `SELECT * FROM tenant_configs WHERE tenant_id = $1`,
        [tenantId],
      )
    )[0];
  const tokensIssued = () => [...meta.state.tokens.keys()];
  const statusOf = (list: OnboardingStep[]) => Object.fromEntries(list.map((s) => [s.step, s.status]));
  const healthOf = async (tenantId: string, credential: string) =>
    (
      await t.dataSource.query<{ status: string; last_error: string | null }[]>(
        `SELECT status, last_error FROM credential_health WHERE tenant_id = $1 AND credential = $2`,
        [tenantId, credential],
      )
    )[0];

  describe('WhatsApp Embedded Signup', () => {
    it('says what the admin app needs to launch the flow, with a passing preflight', async () => {
      const tenant = await createTenant(t);
      const res = keep(await t.http().get(CONFIG).set(bearer(tenant.admin.token)));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        app_id: meta.app.id,
        config_id: '1234567890',
        graph_api_version: 'v25.0',
        sdk_url: 'https://connect.facebook.net/en_US/sdk.js',
        webhook_url: 'https://parley.example.com/webhooks/whatsapp',
        preflight: ['app_id', 'app_secret', 'config_id', 'public_url', 'verify_token'].map((key) => ({
          key,
          ok: true,
          message: null,
        })),
        ready: true,
        connected: null,
      });
    });

    it('runs the six steps, stores the number encrypted, registers it with a 6-digit PIN and marks health ok', async () => {
      const tenant = await createTenant(t);
      const { waba, phone, body } = signup();
      const res = await onboard(tenant, body);
      expect(res.status).toBe(200);
      const result = res.body as WhatsAppOnboardResponse;
      expect(result).toMatchObject({
        status: 'completed',
        phone_number_id: phone.id,
        waba_id: waba.id,
        display_phone_number: phone.displayPhoneNumber,
        verified_name: 'Acme Dental',
        quality_rating: 'GREEN',
      });
      expect(result.steps.map((s) => [s.step, s.status])).toEqual([
        ['exchange_code', 'succeeded'],
        ['debug_token', 'succeeded'],
        ['subscribe_app', 'succeeded'],
        ['register_number', 'succeeded'],
        ['number_details', 'succeeded'],
        ['store', 'succeeded'],
      ]);
      expect(result.steps.every((s) => s.finished_at !== null && s.error === null)).toBe(true);

      // At Meta: the app is subscribed to the WABA, the number registered with a 6-digit PIN.
      expect(waba.subscribedApps).toEqual([meta.app.id]);
      expect(phone.registered).toBe(true);
      expect(phone.pin).toMatch(/^\d{6}$/);
      const exchange = meta.server.requests({ path: '/oauth/access_token' }).at(-1)!;
      expect(exchange.path).toBe('/v25.0/oauth/access_token');
      expect(exchange.query).toMatchObject({ client_id: meta.app.id, code: body.code });
      const debug = meta.server.requests({ path: '/debug_token' }).at(-1)!;
      expect(debug.headers.authorization).toBe(`Bearer ${meta.app.id}|${meta.app.secret}`);

      // Stored: encrypted token, onboarding completed, number routed to this tenant.
      const token = tokensIssued().at(-1)!;
      secrets.push(token, phone.pin!);
      const row = await configRow(tenant.id);
      expect(row).toMatchObject({
        waba_id: waba.id,
        phone_number_id: phone.id,
        business_id: waba.businessId,
        display_phone_number: phone.displayPhoneNumber,
        onboarding_completed: true,
      });
      expect(t.app.get(SecretBox).open(row.access_token_enc as string)).toBe(token);
      expect(JSON.stringify(row)).not.toContain(token);
      const [attempt] = await t.dataSource.query<{ pin_enc: string; access_token_enc: string }[]>(
        `SELECT pin_enc, access_token_enc FROM onboarding_attempts WHERE tenant_id = $1`,
        [tenant.id],
      );
      expect(t.app.get(SecretBox).open(attempt.pin_enc)).toBe(phone.pin);
      expect(attempt.access_token_enc).toBeNull(); // the config holds the token now
      expect(attempt.pin_enc).not.toContain(phone.pin!);
      const numbers = await t.dataSource.query(
        `SELECT tenant_id FROM phone_numbers WHERE phone_number_id = $1`,
        [phone.id],
      );
      expect(numbers).toEqual([{ tenant_id: tenant.id }]);

      const audit = await t.dataSource.query<{ action: string; actor_email: string }[]>(
        `SELECT action, actor_email FROM audit_events WHERE tenant_id = $1 AND action = 'config.onboard'`,
        [tenant.id],
      );
      expect(audit).toEqual([{ action: 'config.onboard', actor_email: tenant.admin.email }]);
      expect(await healthOf(tenant.id, 'whatsapp')).toMatchObject({ status: 'ok' });
      expect(await healthOf(tenant.id, 'waba_subscription')).toMatchObject({ status: 'ok' });

      const config = keep(await t.http().get(CONFIG).set(bearer(tenant.admin.token)));
      expect(config.body.connected).toEqual({
        phone_number_id: phone.id,
        display_phone_number: phone.displayPhoneNumber,
        verified_name: 'Acme Dental',
      });
      expect((await steps(tenant)).map((s) => s.status)).toEqual(Array(6).fill('succeeded'));
    });

    it('shows live progress while the steps run, and refuses a second run meanwhile', async () => {
      const tenant = await createTenant(t);
      const { body } = signup();
      // Meta takes its time registering the number.
      meta.state.failNext('register', { status: 200, body: { success: true }, delayMs: 1500 });
      const running = onboard(tenant, body);
      let seen: OnboardingStep[] = [];
      await waitFor(async () => {
        seen = await steps(tenant);
        return seen.some((s) => s.step === 'register_number' && s.status === 'running');
      });
      expect(statusOf(seen)).toEqual({
        exchange_code: 'succeeded',
        debug_token: 'succeeded',
        subscribe_app: 'succeeded',
        register_number: 'running',
        number_details: 'pending',
        store: 'pending',
      });
      const second = await onboard(tenant, body);
      expect(second.status).toBe(409);
      expect(second.body.message).toBe(
        'An onboarding of this tenant is already running; wait for it to finish',
      );
      expect((await running).status).toBe(200);
    });

    it('an onboarded tenant sends through the stored token at once', async () => {
      const tenant = await createTenant(t);
      const { phone, body } = signup();
      expect((await onboard(tenant, body)).status).toBe(200);
      const outcome = await t.app.get<MessageSender>(MESSAGE_SENDER).send({
        tenantId: tenant.id,
        phoneNumberId: phone.id,
        to: { waId: '919812345678', userId: null },
        message: { type: 'text', text: 'Welcome!' },
        idempotencyKey: `onboarded-${phone.id}`,
      });
      expect(outcome).toMatchObject({ kind: 'sent' });
      expect(meta.server.sentMessages(phone.id)).toHaveLength(1);
    });

    it('skips registration for a number that is already registered', async () => {
      const tenant = await createTenant(t);
      const { phone, body } = signup({ registered: true });
      const res = await onboard(tenant, body);
      expect(res.status).toBe(200);
      expect(statusOf(res.body.steps)).toMatchObject({ register_number: 'skipped', store: 'succeeded' });
      expect(meta.server.requests({ method: 'POST', path: `/${phone.id}/register` })).toHaveLength(0);
    });

    const failures: { call: Parameters<MetaFake['state']['failNext']>[0]; step: string }[] = [
      { call: 'debug_token', step: 'debug_token' },
      { call: 'subscribe', step: 'subscribe_app' },
      { call: 'register', step: 'register_number' },
      { call: 'number_details', step: 'number_details' },
    ];
    it.each(failures)(
      'a failure at $step answers 502 naming the step and Meta’s message, stores nothing, and a retry resumes there',
      async ({ call, step }) => {
        const tenant = await createTenant(t);
        const { phone, body } = signup();
        meta.state.failNext(call);
        const failed = await onboard(tenant, body);
        expect(failed.status).toBe(502);
        const failure = failed.body as OnboardingFailure;
        expect(failure).toMatchObject({ statusCode: 502, error: 'Bad Gateway', failed_step: step });
        expect(failure.message).toBe(
          `Onboarding failed at step ${step}: Meta answered: An unexpected error has occurred. Please retry your request later.`,
        );
        const index = failure.steps.findIndex((s) => s.step === step);
        expect(failure.steps.slice(0, index).every((s) => ['succeeded', 'skipped'].includes(s.status))).toBe(
          true,
        );
        expect(failure.steps[index]).toMatchObject({
          status: 'failed',
          error: expect.stringContaining('unexpected error'),
        });
        expect(failure.steps.slice(index + 1).every((s) => s.status === 'pending')).toBe(true);
        expect(await steps(tenant)).toEqual(failure.steps);
        expect(await configRow(tenant.id)).toBeUndefined();

        // The same request again: the code is spent, but the token from step 1 carries the retry.
        const exchangesBefore = meta.server.requests({ path: '/oauth/access_token' }).length;
        const retried = await onboard(tenant, body);
        expect(retried.status).toBe(200);
        expect(meta.server.requests({ path: '/oauth/access_token' })).toHaveLength(exchangesBefore);
        expect(retried.body.steps.every((s: OnboardingStep) => s.status === 'succeeded')).toBe(true);
        const attempts = await t.dataSource.query(
          `SELECT status FROM onboarding_attempts WHERE tenant_id = $1`,
          [tenant.id],
        );
        expect(attempts).toEqual([{ status: 'completed' }]);
        expect(await configRow(tenant.id)).toMatchObject({
          phone_number_id: phone.id,
          onboarding_completed: true,
        });
      },
    );

    it('a refusal by Meta (4xx) answers 400 with Meta’s own message', async () => {
      const tenant = await createTenant(t);
      const { body } = signup();
      meta.state.failNext(
        'register',
        graphError(400, 133005, '(#133005) Two step verification PIN Mismatch'),
      );
      const res = await onboard(tenant, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        failed_step: 'register_number',
        message:
          'Onboarding failed at step register_number: Meta answered: (#133005) Two step verification PIN Mismatch',
      });
    });

    it('an expired code fails step 1 with Meta’s message, and cannot be exchanged again', async () => {
      const tenant = await createTenant(t);
      const { body } = signup();
      meta.state.expireCode(body.code);
      const res = await onboard(tenant, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        failed_step: 'exchange_code',
        message:
          'Onboarding failed at step exchange_code: Meta answered: This authorization code has expired.',
      });
      expect(statusOf(res.body.steps)).toMatchObject({ exchange_code: 'failed', debug_token: 'pending' });
      const again = await onboard(tenant, body);
      expect(again.status).toBe(400);
      expect(again.body.failed_step).toBe('exchange_code');
      expect(await configRow(tenant.id)).toBeUndefined();
    });

    it('a token without the WhatsApp management scope fails step 2', async () => {
      const tenant = await createTenant(t);
      const { body } = signup({ scopes: ['business_management', 'whatsapp_business_messaging'] });
      const res = await onboard(tenant, body);
      expect(res.status).toBe(400);
      expect(res.body.failed_step).toBe('debug_token');
      expect(res.body.message).toContain('the token lacks the permission whatsapp_business_management');
      expect(meta.server.requests({ path: `/${body.waba_id}/subscribed_apps` })).toHaveLength(0);
      expect(await configRow(tenant.id)).toBeUndefined();
    });

    it('a WABA that is not among the token’s targets fails step 2', async () => {
      const tenant = await createTenant(t);
      const other = meta.state.createWaba().waba;
      const { body } = signup({ targets: [other.id] });
      const res = await onboard(tenant, body);
      expect(res.status).toBe(400);
      expect(res.body.failed_step).toBe('debug_token');
      expect(res.body.message).toContain(`not granted access to WhatsApp Business Account ${body.waba_id}`);
    });

    it('a number another tenant owns: 409 and nothing changes, here or at Meta', async () => {
      const owner = await createTenant(t);
      const first = signup();
      expect((await onboard(owner, first.body)).status).toBe(200);
      const before = await configRow(owner.id);

      const intruder = await createTenant(t);
      const code = meta.state.signup(meta.app, first.waba);
      meta.server.clearRequests();
      const res = await onboard(intruder, { ...first.body, code });
      expect(res.status).toBe(409);
      expect(res.body.message).toBe(
        `phone_number_id ${first.phone.id} is already connected to another tenant`,
      );
      expect(meta.server.requests()).toHaveLength(0);
      expect(await configRow(intruder.id)).toBeUndefined();
      expect(await configRow(owner.id)).toEqual(before);
      expect(
        await t.dataSource.query(`SELECT 1 FROM onboarding_attempts WHERE tenant_id = $1`, [intruder.id]),
      ).toHaveLength(0);
    });

    it('reconnecting replaces the token (and the number)', async () => {
      const tenant = await createTenant(t);
      expect((await onboard(tenant, signup().body)).status).toBe(200);
      const firstToken = tokensIssued().at(-1)!;
      const second = signup();
      const res = await onboard(tenant, second.body);
      expect(res.status).toBe(200);
      const secondToken = tokensIssued().at(-1)!;
      secrets.push(firstToken, secondToken);
      const row = await configRow(tenant.id);
      expect(t.app.get(SecretBox).open(row.access_token_enc as string)).toBe(secondToken);
      expect(row.phone_number_id).toBe(second.phone.id);
      expect(
        await t.dataSource.query(`SELECT phone_number_id FROM phone_numbers WHERE tenant_id = $1`, [
          tenant.id,
        ]),
      ).toEqual([{ phone_number_id: second.phone.id }]);
      const actions = await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE tenant_id = $1 AND action LIKE 'config.%' ORDER BY id`,
        [tenant.id],
      );
      expect(actions.map((a) => a.action)).toEqual(['config.onboard', 'config.reconnect']);
    });

    it('refuses a malformed request with a clear 400', async () => {
      const tenant = await createTenant(t);
      const res = keep(
        await t
          .http()
          .post(ONBOARD)
          .set(bearer(tenant.admin.token))
          .send({ code: 'x', waba_id: 'abc', phone_number_id: '1' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('waba_id must be the numeric WhatsApp Business Account id');
    });
  });

  describe('credential health', () => {
    it('the scheduled job turns a revoked WhatsApp token invalid, and the change is audited', async () => {
      const tenant = await createTenant(t);
      expect((await onboard(tenant, signup().body)).status).toBe(200);
      const token = tokensIssued().at(-1)!;
      secrets.push(token);
      meta.state.revoke(token);

      await t.app.get(JobQueue).send(CREDENTIAL_SWEEP_QUEUE, {});
      await waitFor(
        async () => (await healthOf(tenant.id, 'waba_subscription'))?.status === 'unknown',
        20_000,
      );
      expect((await healthOf(tenant.id, 'whatsapp')).last_error).toContain(
        `The user has not authorized application ${meta.app.id}`,
      );
      expect(await healthOf(tenant.id, 'waba_subscription')).toMatchObject({ status: 'unknown' });
      const changes = await t.dataSource.query<{ before: unknown; after: unknown; actor_email: string }[]>(
        `SELECT before, after, actor_email FROM audit_events
         WHERE tenant_id = $1 AND action = 'credential.status_changed' AND target_id = 'whatsapp' ORDER BY id`,
        [tenant.id],
      );
      expect(changes.at(-1)).toMatchObject({
        before: { status: 'ok' },
        after: { status: 'invalid' },
        actor_email: 'system',
      });

      const health = keep(await t.http().get('/api/v1/tenant/health').set(bearer(tenant.admin.token)));
      expect(health.body.overall).toBe('invalid');
    });

    it('"check now" reports an expiring token, an unsubscribed WABA, and a Zoho refresh token that works', async () => {
      const connection = zoho.connect({ dc: 'eu' });
      secrets.push(connection.refreshToken, connection.clientSecret);
      const tenant = await createTenant(t, {
        crm: 'zoho',
        zoho: {
          client_id: connection.clientId,
          client_secret: connection.clientSecret,
          refresh_token: connection.refreshToken,
          accounts_url: connection.accountsUrl,
        },
      });
      const { waba, body } = signup({ expiresInSeconds: 3 * 86_400 });
      expect((await onboard(tenant, body)).status).toBe(200);
      waba.subscribedApps = [];
      const res = keep(await t.http().post('/api/v1/tenant/health/check').set(bearer(tenant.admin.token)));
      expect(res.status).toBe(200);
      const byKind = Object.fromEntries(
        res.body.credentials.map((c: { credential: string }) => [c.credential, c]),
      );
      expect(byKind.whatsapp).toMatchObject({ status: 'expiring' });
      expect(new Date(byKind.whatsapp.expires_at).getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
      expect(byKind.waba_subscription).toMatchObject({ status: 'invalid' });
      expect(byKind.waba_subscription.last_error).toContain('is not subscribed');
      expect(byKind.zoho).toMatchObject({ status: 'ok' });
      expect(byKind.hubspot).toMatchObject({ status: 'unknown' });
      expect(res.body.overall).toBe('invalid');

      zoho.revoke(connection.refreshToken);
      // The CRM connection test's verdict counts for credential health too.
      const tested = keep(await t.http().post('/api/v1/tenant/crm/test').set(bearer(tenant.admin.token)));
      expect(tested.body).toMatchObject({ ok: false, verdict: 'bad_token' });
      expect(await healthOf(tenant.id, 'zoho')).toMatchObject({ status: 'invalid' });
      const after = await t.app.get(CredentialCheckService).checkTenant(tenant.id);
      expect(after.credentials.find((c) => c.credential === 'zoho')).toMatchObject({ status: 'invalid' });
    });

    it('a HubSpot token HubSpot refuses is not saved; a good one is, and counts as ok', async () => {
      const tenant = await createTenant(t);
      const me = bearer(tenant.admin.token);
      const bad = keep(
        await t
          .http()
          .patch('/api/v1/tenant/settings')
          .set(me)
          .send({ crm: 'hubspot', hubspot: { api_key: 'pat-na1-not-a-real-token' } }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^hubspot\.api_key: HubSpot did not accept this token \(401/);
      const stored = await t.dataSource.query(
        `SELECT hubspot_api_key_enc FROM crm_connections WHERE tenant_id = $1`,
        [tenant.id],
      );
      expect(stored).toEqual([{ hubspot_api_key_enc: null }]);

      const { token } = hubspot.createPortal();
      secrets.push(token);
      const good = keep(
        await t
          .http()
          .patch('/api/v1/tenant/settings')
          .set(me)
          .send({ crm: 'hubspot', hubspot: { api_key: token } }),
      );
      expect(good.status).toBe(200);
      expect(await healthOf(tenant.id, 'hubspot')).toMatchObject({ status: 'ok' });
      const checked = keep(await t.http().post('/api/v1/tenant/health/check').set(me));
      expect(
        checked.body.credentials.find((c: { credential: string }) => c.credential === 'hubspot'),
      ).toMatchObject({
        status: 'ok',
      });
    });
  });

  describe('Zoho connect', () => {
    const zohoConnectTenant = async (accountsDc: 'us' | 'eu' = 'eu') => {
      const client = zoho.createClient(accountsDc);
      secrets.push(client.clientSecret);
      const tenant = await createTenant(t, {
        zoho: {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          accounts_url: zoho.accountsUrl(accountsDc),
        },
      });
      return { tenant, client };
    };
    /** The browser: Parley's authorize URL → Zoho's consent page → Zoho's redirect back to Parley. */
    const consent = async (tenant: TestTenant) => {
      const res = keep(
        await t.http().get('/api/v1/tenant/crm/zoho/authorize-url').set(bearer(tenant.admin.token)),
      );
      expect(res.status).toBe(200);
      const page = await fetch(res.body.url as string, { redirect: 'manual' });
      expect(page.status).toBe(302);
      const back = new URL(page.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe('https://parley.example.com/api/v1/oauth/zoho/callback');
      return {
        authorize: res.body as { url: string; expires_at: string },
        callback: `${back.pathname}${back.search}`,
      };
    };

    it('gives Zoho’s authorize URL on the tenant’s accounts server with leads and search scopes, offline, consent', async () => {
      const { tenant, client } = await zohoConnectTenant('eu');
      const res = keep(
        await t.http().get('/api/v1/tenant/crm/zoho/authorize-url').set(bearer(tenant.admin.token)),
      );
      expect(res.status).toBe(200);
      const url = new URL(res.body.url);
      expect(`${url.origin}${url.pathname}`).toBe(`${zoho.accountsUrl('eu')}/oauth/v2/auth`);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        scope: 'ZohoCRM.modules.leads.ALL,ZohoSearch.securesearch.READ',
        client_id: client.clientId,
        response_type: 'code',
        access_type: 'offline',
        prompt: 'consent',
        redirect_uri: 'https://parley.example.com/api/v1/oauth/zoho/callback',
        state: expect.stringMatching(/^[\w-]{40,}$/),
      });
      const expires = new Date(res.body.expires_at).getTime() - Date.now();
      expect(expires).toBeGreaterThan(9 * 60_000);
      expect(expires).toBeLessThanOrEqual(10 * 60_000);
      expect(res.body.redirect_uri).toBe('https://parley.example.com/api/v1/oauth/zoho/callback');
    });

    it('the callback exchanges the code on the account’s own accounts server and stores the refresh token encrypted', async () => {
      const { tenant } = await zohoConnectTenant('eu');
      zoho.consent = { dc: 'in' };
      const { callback } = await consent(tenant);
      zoho.consent = {};
      const res = keep(await t.http().get(callback));
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('https://parley.example.com/crm?zoho=connected');
      const exchange = zoho.requests({ path: '/oauth/v2/token' }).at(-1)!;
      expect(exchange.path).toBe('/in/accounts/oauth/v2/token');
      expect(exchange.body).toMatchObject({
        grant_type: 'authorization_code',
        redirect_uri: 'https://parley.example.com/api/v1/oauth/zoho/callback',
      });
      const [row] = await t.dataSource.query<Record<string, string>[]>(
        `SELECT c.zoho_accounts_url, c.zoho_api_url, c.zoho_refresh_token_enc, t.crm_kind
         FROM crm_connections c JOIN tenants t ON t.id = c.tenant_id WHERE c.tenant_id = $1`,
        [tenant.id],
      );
      expect(row).toMatchObject({
        zoho_accounts_url: zoho.accountsUrl('in'),
        zoho_api_url: zoho.apiDomain('in'),
        crm_kind: 'zoho',
      });
      const refreshToken = t.app.get(SecretBox).open(row.zoho_refresh_token_enc);
      secrets.push(refreshToken);
      expect(refreshToken).toMatch(/^1000\./);
      expect(await healthOf(tenant.id, 'zoho')).toMatchObject({ status: 'ok' });
      const audit = await t.dataSource.query(
        `SELECT actor_email FROM audit_events WHERE tenant_id = $1 AND action = 'crm.zoho.connect'`,
        [tenant.id],
      );
      expect(audit).toEqual([{ actor_email: tenant.admin.email }]);
      const test = keep(await t.http().post('/api/v1/tenant/crm/test').set(bearer(tenant.admin.token)));
      expect(test.body).toMatchObject({ crm: 'zoho', ok: true });
    });

    it('refuses a bad, a replayed and an expired state with 400', async () => {
      const { tenant } = await zohoConnectTenant('us');
      const bad = keep(await t.http().get('/api/v1/oauth/zoho/callback?code=abc&state=forged'));
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('unknown, expired or already used');
      expect(keep(await t.http().get('/api/v1/oauth/zoho/callback?code=abc')).status).toBe(400);

      const { callback } = await consent(tenant);
      expect(keep(await t.http().get(callback)).status).toBe(302);
      const replay = keep(await t.http().get(callback));
      expect(replay.status).toBe(400);

      const second = await consent(tenant);
      await t.dataSource.query(
        `UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE tenant_id = $1`,
        [tenant.id],
      );
      expect(keep(await t.http().get(second.callback)).status).toBe(400);
    });

    it('never sends the client secret to an accounts server outside Zoho', async () => {
      const { tenant } = await zohoConnectTenant('us');
      const { callback } = await consent(tenant);
      const url = new URL(callback, 'https://x.invalid');
      url.searchParams.set('accounts-server', 'https://accounts.zoho.com.evil.example');
      const before = zoho.requests({ path: '/oauth/v2/token' }).length;
      const res = keep(await t.http().get(`${url.pathname}${url.search}`));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('is not a Zoho accounts server');
      expect(zoho.requests({ path: '/oauth/v2/token' })).toHaveLength(before);
    });

    it('a refusal at Zoho comes back as a readable error on the CRM page', async () => {
      const { tenant } = await zohoConnectTenant('us');
      zoho.consent = { deny: true };
      const { callback } = await consent(tenant);
      zoho.consent = {};
      const res = keep(await t.http().get(callback));
      expect(res.status).toBe(302);
      const location = new URL(res.headers.location);
      expect(location.pathname).toBe('/crm');
      expect(Object.fromEntries(location.searchParams)).toEqual({
        zoho: 'error',
        message: 'Zoho did not authorize Parley (access_denied)',
      });
    });

    it('asks for the client id and secret before connecting', async () => {
      const tenant = await createTenant(t);
      const res = keep(
        await t.http().get('/api/v1/tenant/crm/zoho/authorize-url').set(bearer(tenant.admin.token)),
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('Save the Zoho client id and client secret');
    });
  });

  describe('tenant isolation', () => {
    it('every route acts on the tenant in the token only', async () => {
      const a = await createTenant(t);
      const b = await createTenant(t);
      const aSignup = signup();
      expect((await onboard(a, aSignup.body)).status).toBe(200);
      const aSteps = await steps(a);

      // B sees nothing of A's onboarding, connection or health.
      expect(await steps(b)).toEqual([]);
      expect(keep(await t.http().get(CONFIG).set(bearer(b.admin.token))).body.connected).toBeNull();
      const bHealth = keep(await t.http().get('/api/v1/tenant/health').set(bearer(b.admin.token)));
      expect(bHealth.body.overall).toBe('unknown');
      const bCheck = keep(await t.http().post('/api/v1/tenant/health/check').set(bearer(b.admin.token)));
      expect(bCheck.body.credentials.every((c: { status: string }) => c.status === 'unknown')).toBe(true);

      // B posting A's ids (with a code for A's WABA) cannot take A's number.
      const code = meta.state.signup(meta.app, aSignup.waba);
      expect((await onboard(b, { ...aSignup.body, code, tenant_id: a.id })).status).toBe(400);
      expect((await onboard(b, { ...aSignup.body, code })).status).toBe(409);
      expect(await steps(a)).toEqual(aSteps);

      // A Zoho state issued to B connects B, never A.
      const client = zoho.createClient('us');
      await t
        .http()
        .patch('/api/v1/tenant/settings')
        .set(bearer(b.admin.token))
        .send({
          zoho: {
            client_id: client.clientId,
            client_secret: client.clientSecret,
            accounts_url: zoho.accountsUrl('us'),
          },
        });
      const url = keep(
        await t.http().get('/api/v1/tenant/crm/zoho/authorize-url').set(bearer(b.admin.token)),
      );
      const page = await fetch(url.body.url as string, { redirect: 'manual' });
      const back = new URL(page.headers.get('location')!);
      expect(keep(await t.http().get(`${back.pathname}${back.search}`)).status).toBe(302);
      const connected = await t.dataSource.query<{ tenant_id: string }[]>(
        `SELECT tenant_id FROM crm_connections WHERE zoho_refresh_token_enc IS NOT NULL AND tenant_id IN ($1, $2)`,
        [a.id, b.id],
      );
      expect(connected).toEqual([{ tenant_id: b.id }]);

      // Platform admins have no tenant: the tenant routes are not theirs.
      const root = await platformAdmin(t);
      for (const [method, path] of [
        ['get', CONFIG],
        ['get', STEPS],
        ['post', ONBOARD],
        ['get', '/api/v1/tenant/crm/zoho/authorize-url'],
        ['post', '/api/v1/tenant/health/check'],
      ] as const) {
        const res = keep(await t.http()[method](path).set(bearer(root.token)).send({}));
        expect([path, res.status]).toEqual([path, 403]);
        const anonymous = keep(await t.http()[method](path).send({}));
        expect([path, anonymous.status]).toEqual([path, 401]);
      }
    });
  });

  it('no response of this suite carried a token, PIN, client secret or app secret', () => {
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      for (const text of seen) expect(text.includes(secret) ? secret : null).toBeNull();
    }
  });
});
