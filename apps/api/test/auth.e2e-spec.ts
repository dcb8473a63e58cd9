import { JwtService } from '@nestjs/jwt';
import { createTenant } from './support/fixtures';
import { bearer, createUser, startTestApp, TestApp, uniqueEmail } from './support/test-app';

describe('auth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logs in with the documented response shape', async () => {
    const user = await createUser(t, 'platform_admin');
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email.toUpperCase(), password: user.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 12 * 3600,
      user: { id: user.id, email: user.email, role: 'platform_admin', tenant_id: null },
    });
    const claims = new JwtService().decode(res.body.access_token);
    expect(claims).toMatchObject({ sub: user.id, role: 'platform_admin', tenant_id: null });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const user = await createUser(t, 'platform_admin');
    const wrongPassword = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'nope' });
    const unknownEmail = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: uniqueEmail(), password: 'nope' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body.message).toBe(unknownEmail.body.message);
    expect(wrongPassword.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('names every bad field of a login body in one 400', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: 'not-an-email', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toContain('email must be an email address');
    expect(res.body.message).toContain('password');
    expect(res.body.message).toContain('property extra should not exist');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c", "password": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request body is not valid JSON',
      request_id: expect.any(String),
    });
  });

  it('verifies a token and describes the caller', async () => {
    const { id: tenantId, admin: user } = await createTenant(t);
    const verify = await t.http().get('/api/v1/auth/verify').set(bearer(user.token));
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({
      valid: true,
      user: { id: user.id, email: user.email, role: 'tenant_admin', tenant_id: tenantId },
    });
    const me = await t.http().get('/api/v1/auth/me').set(bearer(user.token));
    expect(me.body).toEqual(verify.body.user);
  });

  it('refuses a missing, forged or expired token with 401', async () => {
    const user = await createUser(t, 'platform_admin');
    expect((await t.http().get('/api/v1/auth/verify')).status).toBe(401);
    expect((await t.http().get('/api/v1/auth/verify').set(bearer('garbage'))).status).toBe(401);

    const forged = new JwtService().sign(
      { sub: user.id, role: 'platform_admin', tenant_id: null },
      { secret: 'x'.repeat(40) },
    );
    expect((await t.http().get('/api/v1/auth/verify').set(bearer(forged))).status).toBe(401);

    const expired = new JwtService().sign(
      { sub: user.id, role: 'platform_admin', tenant_id: null, exp: Math.floor(Date.now() / 1000) - 10 },
      { secret: t.config.auth.jwtSecret },
    );
    const res = await t.http().get('/api/v1/auth/verify').set(bearer(expired));
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Access token has expired');
  });

  it('refuses a token whose claims no longer match the user (role changed)', async () => {
    const user = await createUser(t, 'platform_admin');
    const escalated = new JwtService().sign(
      { sub: user.id, role: 'tenant_admin', tenant_id: 'someone_else' },
      { secret: t.config.auth.jwtSecret },
    );
    expect((await t.http().get('/api/v1/auth/me').set(bearer(escalated))).status).toBe(401);
  });

  it('locks out a disabled user, on login and on the tokens it already holds', async () => {
    const user = await createUser(t, 'platform_admin');
    await t.dataSource.query('UPDATE users SET disabled = true WHERE id = $1', [user.id]);
    expect((await t.http().get('/api/v1/auth/me').set(bearer(user.token))).status).toBe(401);
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('disabled');
  });

  it('gives a tenant admin 403 on a platform-admin route and a platform admin 200', async () => {
    const { admin: tenantAdmin } = await createTenant(t);
    const platformAdmin = await createUser(t, 'platform_admin');
    const denied = await t.http().get('/api/v1/admin/system').set(bearer(tenantAdmin.token));
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    const allowed = await t.http().get('/api/v1/admin/system').set(bearer(platformAdmin.token));
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ status: 'ok', mode: 'postgres', workers_in_process: true });
  });
});

describe('login rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_EMAIL: '3', LOGIN_RATE_LIMIT_WINDOW: '60s' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once an email has too many attempts', async () => {
    const email = uniqueEmail('limited');
    for (let i = 0; i < 3; i++) {
      expect((await t.http().post('/api/v1/auth/login').send({ email, password: 'x' })).status).toBe(401);
    }
    const res = await t.http().post('/api/v1/auth/login').send({ email, password: 'x' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Another email from the same address is still allowed.
    expect(
      (await t.http().post('/api/v1/auth/login').send({ email: uniqueEmail(), password: 'x' })).status,
    ).toBe(401);
  });

  it('limits per address too', async () => {
    const perIp = await startTestApp({ LOGIN_RATE_LIMIT_PER_IP: '2', LOGIN_RATE_LIMIT_WINDOW: '60s' });
    try {
      // Each test app gets its own counters only through distinct keys, so use a distinct forwarded address.
      const from = { 'X-Forwarded-For': `203.0.113.${Math.floor(Math.random() * 250)}` };
      for (let i = 0; i < 2; i++) {
        await perIp.http().post('/api/v1/auth/login').set(from).send({ email: uniqueEmail(), password: 'x' });
      }
      const res = await perIp
        .http()
        .post('/api/v1/auth/login')
        .set(from)
        .send({ email: uniqueEmail(), password: 'x' });
      expect(res.status).toBe(429);
    } finally {
      await perIp.close();
    }
  });
});
