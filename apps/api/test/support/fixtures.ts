import { randomUUID } from 'node:crypto';
import { bearer, createUser, login, TestApp, TestUser, uniqueEmail } from './test-app';

const platformAdmins = new WeakMap<TestApp, Promise<TestUser>>();

/** One platform admin per test app, made on first use. */
export function platformAdmin(t: TestApp): Promise<TestUser> {
  let admin = platformAdmins.get(t);
  if (!admin) {
    admin = createUser(t, 'platform_admin');
    platformAdmins.set(t, admin);
  }
  return admin;
}

export function uniqueTenantId(label = 't'): string {
  return `${label}_${randomUUID().slice(0, 8)}`;
}

export interface TestTenant {
  id: string;
  admin: TestUser;
}

/** A tenant and one of its admins, created through the platform admin API as an operator would. */
export async function createTenant(t: TestApp, body: Record<string, unknown> = {}): Promise<TestTenant> {
  const root = await platformAdmin(t);
  const id = (body.id as string | undefined) ?? uniqueTenantId();
  const created = await t
    .http()
    .post('/api/v1/admin/tenants')
    .set(bearer(root.token))
    .send({ name: `Tenant ${id}`, ...body, id });
  if (created.status !== 201)
    throw new Error(`creating tenant failed: ${created.status} ${JSON.stringify(created.body)}`);
  const email = uniqueEmail(`admin-${id}`);
  const password = `pw-${randomUUID()}`;
  const user = await t
    .http()
    .post(`/api/v1/admin/tenants/${id}/users`)
    .set(bearer(root.token))
    .send({ email, password });
  if (user.status !== 201)
    throw new Error(`creating tenant admin failed: ${user.status} ${JSON.stringify(user.body)}`);
  return {
    id,
    admin: { id: user.body.id, email, password, token: await login(t, email, password), tenantId: id },
  };
}

/** A WhatsApp config for the tenant, through the tenant's own API. */
export async function createWhatsAppConfig(
  t: TestApp,
  tenant: TestTenant,
  body: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const res = await t
    .http()
    .post('/api/v1/tenant/config')
    .set(bearer(tenant.admin.token))
    .send({
      phone_number_id: String(Date.now()) + String(Math.floor(Math.random() * 1e6)),
      access_token: `EAAG${randomUUID().replace(/-/g, '')}`,
      ...body,
    });
  if (res.status !== 201)
    throw new Error(`creating config failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
