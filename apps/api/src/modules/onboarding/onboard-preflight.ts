import type { PreflightItem } from '@parley/shared-types';

export interface PreflightSettings {
  appId?: string;
  appSecret?: string;
  configId?: string;
  publicUrl?: string;
  verifyToken?: string;
}

/** What Embedded Signup needs from the server's settings, each item ok or what to set. */
export function preflight(settings: PreflightSettings): PreflightItem[] {
  const item = (key: PreflightItem['key'], problem: string | null): PreflightItem => ({
    key,
    ok: problem === null,
    message: problem,
  });
  return [
    item('app_id', settings.appId ? null : 'Set FB_APP_ID to the id of the platform’s Meta app.'),
    item(
      'app_secret',
      settings.appSecret
        ? null
        : 'Set FB_APP_SECRET (App Dashboard > App settings > Basic) so the signup code can be exchanged.',
    ),
    item(
      'config_id',
      settings.configId
        ? null
        : 'Set FB_CONFIG_ID to the id of a Facebook Login for Business configuration made from the "WhatsApp Embedded Signup" template.',
    ),
    item('public_url', publicUrlProblem(settings.publicUrl)),
    item(
      'verify_token',
      settings.verifyToken
        ? null
        : 'Set WHATSAPP_WEBHOOK_VERIFY_TOKEN and enter the same value with the webhook URL in the Meta app’s WhatsApp settings.',
    ),
  ];
}

function publicUrlProblem(publicUrl: string | undefined): string | null {
  if (!publicUrl) return 'Set PUBLIC_URL to the https address Meta and browsers reach this server at.';
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:') {
    return `PUBLIC_URL must use https (Meta calls only https webhooks and allows the signup popup only on https pages); it is ${url.origin}.`;
  }
  if (url.search || url.hash) return 'PUBLIC_URL must be a plain address without ?query or #fragment.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^(127\.|10\.|192\.168\.|0\.0\.0\.0$|::1$)/.test(host)
  ) {
    return `PUBLIC_URL points at ${url.hostname}, which Meta cannot reach; use the server’s public address.`;
  }
  return null;
}
