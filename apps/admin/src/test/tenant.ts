import type { AuthUser, ConversationSummary, TenantResponse, WhatsAppConfig } from '@parley/shared-types';
import { vi } from 'vitest';
import { storeSession } from '../lib/session-storage';

/** Puts a tenant admin's session in storage, as signing in would; render afterwards. */
export function signInAsTenantAdmin(tenantId = 'acme'): AuthUser {
  const user: AuthUser = {
    id: 'user-1',
    email: 'owner@acme.test',
    role: 'tenant_admin',
    tenant_id: tenantId,
  };
  storeSession({ token: 'test-token', user, expiresAt: Date.now() + 3600_000 });
  return user;
}

/** Puts a platform admin's session in storage; render afterwards. */
export function signInAsPlatformAdmin(): AuthUser {
  const user: AuthUser = { id: 'u', email: 'root@example.com', role: 'platform_admin', tenant_id: null };
  storeSession({ token: 'token', user, expiresAt: Date.now() + 3600_000 });
  return user;
}

export interface ApiCall {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A fetch that answers like the API: `routes` maps "METHOD /path" to a body (200) or a function of
 * the request body; an `ApiReply` sets the status. Every call is recorded in `calls`.
 */
export function mockApi(routes: Record<string, unknown>) {
  const calls: ApiCall[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path: url.pathname, body });
    const route = routes[`${method} ${url.pathname}`];
    if (route === undefined) return Response.json({ statusCode: 404, message: 'No route' }, { status: 404 });
    const reply: unknown = typeof route === 'function' ? (route as (b: unknown) => unknown)(body) : route;
    if (reply instanceof ApiReply) return Response.json(reply.body, { status: reply.status });
    return Response.json(reply);
  });
  vi.stubGlobal('fetch', fetch);
  return {
    fetch,
    calls,
    sent: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}

export class ApiReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export function tenantFixture(overrides: Partial<TenantResponse> = {}): TenantResponse {
  return {
    id: 'acme',
    name: 'Acme Dental',
    status: 'active',
    default_country: 'IN',
    branding: { welcome_message: null, logo_url: null },
    crm: 'local',
    zoho: { client_id: null, client_secret: null, accounts_url: null, api_url: null, refresh_token: null },
    hubspot: { api_key: null },
    llm: { provider: 'gemini', model: null, allow_switch: true, system_prompt: null, gemini_api_key: null },
    bot_texts: {},
    lead_capture: { allow_skip_email: true },
    reengagement_template: null,
    whatsapp: null,
    created_at: '2026-01-05T10:00:00.000Z',
    updated_at: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}

export function configFixture(overrides: Partial<WhatsAppConfig> = {}): WhatsAppConfig {
  return {
    id: 'cfg-1',
    tenant_id: 'acme',
    waba_id: '102290129340398',
    phone_number_id: '106540352242922',
    display_phone_number: '+1 555-078-3881',
    business_id: null,
    access_token: '***k9Qz',
    token_expires_at: null,
    fb_app_id: null,
    fb_app_secret: null,
    webhook_verify_token: '***Xy12',
    callback_url: 'https://parley.example.com/webhooks/whatsapp/acme',
    onboarding_completed: true,
    onboarding_completed_at: '2026-01-05T10:00:00.000Z',
    is_active: true,
    phone_numbers: [],
    created_at: '2026-01-05T10:00:00.000Z',
    updated_at: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}

/** Priya, a captured lead whose last message was the bot's answer. */
export function conversationFixture(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'c1',
    contact: { id: 'k1', wa_id: '919876543210', user_id: null, profile_name: 'Priya' },
    lead_state: 'captured',
    lead_name: 'Priya Sharma',
    llm_provider: 'gemini',
    rag_url: null,
    last_message: { direction: 'outbound', text: 'We open at 9 am.', at: '2026-11-20T10:03:00.000Z' },
    window_open: false,
    window_expires_at: null,
    simulated: false,
    updated_at: '2026-11-20T10:03:00.000Z',
    ...overrides,
  };
}
