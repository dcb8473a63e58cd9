import { Injectable } from '@nestjs/common';
import { GraphApiClient, GraphCallError } from '../whatsapp';

export const WHATSAPP_SCOPES = ['whatsapp_business_management', 'whatsapp_business_messaging'];

export interface MetaApp {
  id: string;
  secret: string;
}

export interface TokenInfo {
  isValid: boolean;
  appId: string | null;
  scopes: string[];
  /** Per scope, the asset ids it is limited to; a scope without target ids covers all the business's assets. */
  targets: Map<string, string[] | null>;
  /** Null: never expires (debug_token says 0). */
  expiresAt: Date | null;
  /** Meta's reason when the token is not valid. */
  error: string | null;
}

export interface NumberDetails {
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  /** Registered for the Cloud API (no need to register again). */
  registered: boolean;
}

interface DebugTokenBody {
  data?: {
    app_id?: string;
    is_valid?: boolean;
    scopes?: string[];
    granular_scopes?: { scope: string; target_ids?: string[] }[];
    expires_at?: number;
    error?: { message?: string };
  };
}

interface PhoneNumberBody {
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
  platform_type?: string;
  status?: string;
}

/**
 * Embedded Signup's server-to-server calls (PROTOCOLS.md part 1, 5.3) and the reads the
 * credential check needs. Every method throws GraphCallError with Meta's message on failure.
 */
@Injectable()
export class MetaBusinessApi {
  constructor(private readonly graph: GraphApiClient) {}

  /** The 30-second code from the popup → the customer's business token. */
  async exchangeCode(app: MetaApp, code: string, redirectUri?: string): Promise<string> {
    const body = await this.graph.call<{ access_token?: string }>({
      method: 'GET',
      path: '/oauth/access_token',
      query: {
        client_id: app.id,
        client_secret: app.secret,
        code,
        ...(redirectUri ? { redirect_uri: redirectUri } : {}),
      },
    });
    if (!body.access_token)
      throw new GraphCallError('Meta answered the code exchange without an access_token', 502);
    return body.access_token;
  }

  async debugToken(app: MetaApp, token: string): Promise<TokenInfo> {
    const body = await this.graph.call<DebugTokenBody>({
      method: 'GET',
      path: '/debug_token',
      token: `${app.id}|${app.secret}`,
      query: { input_token: token },
    });
    const data = body.data ?? {};
    const targets = new Map<string, string[] | null>();
    for (const grant of data.granular_scopes ?? []) targets.set(grant.scope, grant.target_ids ?? null);
    const expires = Number(data.expires_at ?? 0);
    return {
      isValid: data.is_valid === true,
      appId: data.app_id ?? null,
      scopes: data.scopes ?? [],
      targets,
      expiresAt: expires > 0 ? new Date(expires * 1000) : null,
      error: data.error?.message ?? null,
    };
  }

  async subscribeApp(wabaId: string, token: string): Promise<void> {
    await this.graph.call({ method: 'POST', path: `/${encodeURIComponent(wabaId)}/subscribed_apps`, token });
  }

  async subscribedAppIds(wabaId: string, token: string): Promise<string[]> {
    const body = await this.graph.call<{ data?: { whatsapp_business_api_data?: { id?: string } }[] }>({
      method: 'GET',
      path: `/${encodeURIComponent(wabaId)}/subscribed_apps`,
      token,
    });
    return (body.data ?? []).map((d) => d.whatsapp_business_api_data?.id ?? '').filter(Boolean);
  }

  async register(phoneNumberId: string, token: string, pin: string): Promise<void> {
    await this.graph.call({
      method: 'POST',
      path: `/${encodeURIComponent(phoneNumberId)}/register`,
      token,
      json: { messaging_product: 'whatsapp', pin },
    });
  }

  /** Whether the number is already registered for the Cloud API (then registering is skipped). */
  async isRegistered(phoneNumberId: string, token: string): Promise<boolean> {
    const body = await this.graph.call<PhoneNumberBody>({
      method: 'GET',
      path: `/${encodeURIComponent(phoneNumberId)}`,
      token,
      query: { fields: 'platform_type,status' },
    });
    return body.platform_type === 'CLOUD_API' || body.status === 'CONNECTED';
  }

  async numberDetails(phoneNumberId: string, token: string): Promise<NumberDetails> {
    const body = await this.graph.call<PhoneNumberBody>({
      method: 'GET',
      path: `/${encodeURIComponent(phoneNumberId)}`,
      token,
      query: {
        fields:
          'display_phone_number,verified_name,quality_rating,code_verification_status,platform_type,status',
      },
    });
    return {
      displayPhoneNumber: body.display_phone_number ?? null,
      verifiedName: body.verified_name ?? null,
      qualityRating: body.quality_rating ?? null,
      registered: body.platform_type === 'CLOUD_API' || body.status === 'CONNECTED',
    };
  }
}

/** What is wrong with a business token for this WABA, in words; null when it will do. */
export function tokenProblem(info: TokenInfo, appId: string, wabaId: string | null): string | null {
  if (!info.isValid) return `Meta says the token is not valid${info.error ? `: ${info.error}` : ''}`;
  if (info.appId && info.appId !== appId) return `the token belongs to another Meta app (${info.appId})`;
  const missing = WHATSAPP_SCOPES.filter((scope) => !info.scopes.includes(scope));
  if (missing.length) return `the token lacks the permission ${missing.join(' and ')}`;
  if (wabaId) {
    const ids = info.targets.get('whatsapp_business_management');
    if (ids && !ids.includes(wabaId)) {
      return `the token was not granted access to WhatsApp Business Account ${wabaId} (it covers ${ids.join(', ') || 'none'})`;
    }
  }
  return null;
}
