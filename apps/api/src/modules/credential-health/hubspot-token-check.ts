import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';

export interface HubSpotTokenVerdict {
  /** `invalid`: HubSpot refused the token; `unreachable`: no verdict (down, timeout, rate limit). */
  verdict: 'ok' | 'invalid' | 'unreachable';
  message: string;
}

/**
 * One cheap authenticated HubSpot call (a contact search for a number nobody has, the same call
 * the CRM connection test makes) to tell a good private-app token from a bad one before it is
 * saved, and for the scheduled credential check. Never logs the token.
 */
@Injectable()
export class HubSpotTokenCheck {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async check(token: string): Promise<HubSpotTokenVerdict> {
    const base = this.config.crm.hubspotApiBaseUrl.replace(/\/+$/, '');
    let response: Response;
    try {
      response = await fetch(`${base}/crm/v3/objects/contacts/search`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({
          filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'EQ', value: '+10000000000' }] }],
          properties: ['phone'],
          limit: 1,
        }),
        signal: AbortSignal.timeout(this.config.crm.timeoutSeconds * 1000),
        redirect: 'manual',
      });
    } catch {
      return {
        verdict: 'unreachable',
        message: `HubSpot cannot be reached at ${base}, so the token was not checked`,
      };
    }
    const body = (await response.json().catch(() => null)) as { message?: string; category?: string } | null;
    const said = body?.message ? `: ${body.message}` : '';
    if (response.status === 401) {
      return {
        verdict: 'invalid',
        message: `HubSpot did not accept this token (401${said}). Copy the access token of the private app again; it starts with "pat-".`,
      };
    }
    if (response.status === 403) {
      return {
        verdict: 'invalid',
        message: `HubSpot accepted the token but it may not read and write contacts (403${said}). Give the private app the crm.objects.contacts.read and crm.objects.contacts.write scopes.`,
      };
    }
    if (response.status >= 200 && response.status < 300) {
      return { verdict: 'ok', message: 'HubSpot accepted the token' };
    }
    return {
      verdict: 'unreachable',
      message: `HubSpot answered HTTP ${response.status}, so the token was not checked`,
    };
  }
}
