import { HubSpotFake } from './hubspot-fake';

describe('HubSpotFake', () => {
  let hubspot: HubSpotFake;
  let token: string;

  beforeEach(async () => {
    hubspot = await new HubSpotFake({ searchPerSecond: 2 }).start();
    token = hubspot.createPortal().token;
  });
  afterEach(() => hubspot.stop());

  const post = (path: string, body: unknown, auth = token) =>
    fetch(`${hubspot.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const byPhone = (value: string) => ({
    filterGroups: [
      { filters: [{ propertyName: 'phone', operator: 'EQ', value }] },
      { filters: [{ propertyName: 'mobilephone', operator: 'EQ', value }] },
    ],
    properties: ['firstname', 'phone'],
  });

  it('creates contacts (201), refuses a second one with the same email (409 with the id), and finds them', async () => {
    const created = await post('/crm/v3/objects/contacts', {
      properties: { firstname: 'Ana', email: 'Ana@x.com', mobilephone: '+5511987654321' },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const again = await post('/crm/v3/objects/contacts', { properties: { email: 'ana@x.com' } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      status: 'error',
      message: `Contact already exists. Existing ID: ${id}`,
      category: 'CONFLICT',
    });
    const found = await post('/crm/v3/objects/contacts/search', byPhone('+5511987654321'));
    expect(await found.json()).toEqual({
      total: 1,
      results: [
        {
          id,
          properties: expect.objectContaining({ firstname: 'Ana', phone: null, hs_object_id: id }),
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
          archived: false,
        },
      ],
    });
    const miss = await post('/crm/v3/objects/contacts/search', byPhone('+1'));
    expect(await miss.json()).toEqual({ total: 0, results: [] });
  });

  it('limits search per second and answers switched-on limits with their policy', async () => {
    await post('/crm/v3/objects/contacts/search', {});
    await post('/crm/v3/objects/contacts/search', {});
    const limited = await post('/crm/v3/objects/contacts/search', {});
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ message: 'You have reached your secondly limit.' });
    hubspot.rateLimit('TEN_SECONDLY_ROLLING');
    const windowed = await post('/crm/v3/objects/contacts', { properties: {} });
    expect(await windowed.json()).toMatchObject({
      policyName: 'TEN_SECONDLY_ROLLING',
      errorType: 'RATE_LIMIT',
    });
    hubspot.rateLimit('DAILY');
    expect(await (await post('/crm/v3/objects/contacts', { properties: {} })).json()).toMatchObject({
      policyName: 'DAILY',
    });
  });

  it('pages search results and refuses bad tokens (401) and missing scopes (403)', async () => {
    for (let i = 0; i < 3; i++) hubspot.addContact(token, { firstname: `C${i}` });
    const page = (await (await post('/crm/v3/objects/contacts/search', { limit: 2 })).json()) as Record<
      string,
      unknown
    >;
    expect(page).toMatchObject({ total: 3, paging: { next: { after: '2' } } });
    expect((await post('/crm/v3/objects/contacts/search', {}, 'pat-na1-wrong')).status).toBe(401);
    const readOnly = hubspot.createPortal(['crm.objects.contacts.read']).token;
    const refused = await post('/crm/v3/objects/contacts', { properties: {} }, readOnly);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ category: 'MISSING_SCOPES' });
  });
});
