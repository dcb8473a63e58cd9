import { ZohoFake } from './zoho-fake';

describe('ZohoFake', () => {
  let zoho: ZohoFake;

  beforeEach(async () => {
    zoho = await new ZohoFake({ tokensPerTenMinutes: 3 }).start();
  });
  afterEach(() => zoho.stop());

  const token = (dc: string, form: Record<string, string>) =>
    fetch(`${zoho.url}/${dc}/accounts/oauth/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const refresh = (c: { clientId: string; clientSecret: string; refreshToken: string }, dc = 'us') =>
    token(dc, {
      grant_type: 'refresh_token',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      refresh_token: c.refreshToken,
    });
  const api = (dc: string, path: string, accessToken: string, init: RequestInit = {}) =>
    fetch(`${zoho.url}/${dc}/api/crm/v8${path}`, {
      ...init,
      headers: { authorization: `Zoho-oauthtoken ${accessToken}`, 'content-type': 'application/json' },
    });

  it('refreshes access tokens in the account data centre, with api_domain, and limits how many', async () => {
    const c = zoho.connect({ dc: 'eu' });
    const res = await refresh(c, 'eu');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      access_token: expect.stringMatching(/^1000\./),
      scope: 'ZohoCRM.modules.leads.ALL ZohoSearch.securesearch.READ',
      api_domain: zoho.apiDomain('eu'),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    // Another data centre does not know the refresh token: HTTP 200 with an error field.
    const elsewhere = await refresh(c, 'us');
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.json()).toEqual({ error: 'invalid_code' });
    expect(await (await refresh({ ...c, clientSecret: 'wrong' }, 'eu')).json()).toEqual({
      error: 'invalid_client_secret',
    });
    expect(await (await refresh({ ...c, clientId: '1000.UNKNOWN' }, 'eu')).json()).toEqual({
      error: 'invalid_client',
    });
    await refresh(c, 'eu');
    await refresh(c, 'eu');
    const blocked = await refresh(c, 'eu');
    expect(blocked.status).toBe(400);
    expect(await blocked.json()).toMatchObject({ error: 'Access Denied', status: 'failure' });
  });

  it('exchanges an authorization code once, for the registered redirect URI', async () => {
    const client = zoho.createClient('in');
    const code = zoho.authorize({ clientId: client.clientId, redirectUri: 'https://parley.test/cb' });
    const form = {
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: 'https://parley.test/cb',
      code,
    };
    const res = await token('in', form);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ refresh_token: expect.any(String), api_domain: zoho.apiDomain('in') });
    expect(await (await token('in', form)).json()).toEqual({ error: 'invalid_code' });
    const again = zoho.authorize({ clientId: client.clientId, redirectUri: 'https://parley.test/cb' });
    expect(
      await (await token('in', { ...form, code: again, redirect_uri: 'https://evil.test' })).json(),
    ).toEqual({
      error: 'invalid_redirect_uri',
    });
    const refreshed = await refresh({ ...client, refreshToken: body.refresh_token }, 'in');
    expect(refreshed.status).toBe(200);
  });

  it('searches (204 with an empty body on a miss), creates, and reports duplicates as Zoho does', async () => {
    const c = zoho.connect();
    const { access_token } = (await (await refresh(c)).json()) as { access_token: string };
    const miss = await api('us', '/Leads/search?phone=%2B919876543210', access_token);
    expect(miss.status).toBe(204);
    expect(await miss.text()).toBe('');

    const created = await api('us', '/Leads', access_token, {
      method: 'POST',
      body: JSON.stringify({
        data: [{ Last_Name: 'Cruz', First_Name: 'Ana', Email: 'ana@x.com', Phone: '+91 98765 43210' }],
      }),
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { data: { code: string; details: { id: string } }[] }).data[0]
      .details.id;
    const hit = await api('us', '/Leads/search?phone=%2B919876543210', access_token);
    expect(hit.status).toBe(200);
    expect(await hit.json()).toMatchObject({ data: [{ id, Full_Name: 'Ana Cruz' }], info: { count: 1 } });

    const duplicate = await api('us', '/Leads', access_token, {
      method: 'POST',
      body: JSON.stringify({ data: [{ Last_Name: 'Other', Email: 'ANA@x.com' }] }),
    });
    expect(duplicate.status).toBe(400);
    expect(await duplicate.json()).toMatchObject({
      data: [{ code: 'DUPLICATE_DATA', details: { duplicate_record: { id } }, message: 'duplicate data' }],
    });
    const noLastName = await api('us', '/Leads', access_token, {
      method: 'POST',
      body: JSON.stringify({ data: [{ First_Name: 'Solo' }] }),
    });
    expect(await noLastName.json()).toMatchObject({
      data: [{ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' } }],
    });
  });

  it('answers INVALID_TOKEN to expired, foreign or badly sent tokens, and OAUTH_SCOPE_MISMATCH without the scope', async () => {
    const c = zoho.connect({ scopes: ['ZohoCRM.modules.leads.ALL'] });
    const { access_token } = (await (await refresh(c)).json()) as { access_token: string };
    const noScope = await api('us', '/Leads/search?phone=1', access_token);
    expect(noScope.status).toBe(401);
    expect(await noScope.json()).toEqual({
      code: 'OAUTH_SCOPE_MISMATCH',
      message: 'Unauthorized',
      status: 'error',
      details: {},
    });
    const foreign = await api('eu', '/Leads', access_token, {
      method: 'POST',
      body: '{"data":[{"Last_Name":"X"}]}',
    });
    expect(await foreign.json()).toEqual({
      code: 'INVALID_TOKEN',
      details: {},
      message: 'invalid oauth token',
      status: 'error',
    });
    const bearer = await fetch(`${zoho.apiDomain('us')}/crm/v8/Leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(bearer.status).toBe(401);
    zoho.expireAccessTokens();
    const expired = await api('us', '/Leads', access_token, {
      method: 'POST',
      body: '{"data":[{"Last_Name":"X"}]}',
    });
    expect(expired.status).toBe(401);
  });

  it('consents on the authorize page and redirects with code, location, accounts-server and state', async () => {
    const client = zoho.createClient('us');
    const redirectUri = 'https://parley.example.com/api/v1/oauth/zoho/callback';
    const auth = (query: Record<string, string>) =>
      fetch(`${zoho.accountsUrl('us')}/oauth/v2/auth?${new URLSearchParams(query).toString()}`, {
        redirect: 'manual',
      });
    const query = {
      client_id: client.clientId,
      response_type: 'code',
      scope: 'ZohoCRM.modules.leads.ALL',
      access_type: 'offline',
      redirect_uri: redirectUri,
      state: 'st-1',
    };
    zoho.consent = { dc: 'eu' };
    const page = await auth(query);
    expect(page.status).toBe(302);
    const back = new URL(page.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      code: expect.stringMatching(/^1000\./),
      location: 'eu',
      'accounts-server': zoho.accountsUrl('eu'),
      state: 'st-1',
    });
    const exchanged = await token('eu', {
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: redirectUri,
      code: back.searchParams.get('code')!,
    });
    expect(await exchanged.json()).toMatchObject({
      refresh_token: expect.any(String),
      api_domain: zoho.apiDomain('eu'),
    });

    zoho.consent = { deny: true };
    const denied = new URL((await auth(query)).headers.get('location')!);
    expect(Object.fromEntries(denied.searchParams)).toEqual({ error: 'access_denied', state: 'st-1' });
    expect((await auth({ ...query, client_id: 'nobody' })).status).toBe(400);
  });
});
