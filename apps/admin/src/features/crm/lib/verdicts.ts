import type { CrmConnectionStatus, CrmVerdict } from '@parley/shared-types';
import type { Tone } from '../../../components/Badge';

/** A connection test's verdict as a headline; the API's message says the details in plain words. */
export const VERDICT_HEADLINES: Record<CrmVerdict, string> = {
  ok: 'The connection works',
  not_configured: 'Not set up yet',
  bad_token: 'The token was refused',
  bad_client: 'The client id or secret was refused',
  wrong_data_centre: 'Wrong data centre',
  missing_scope: 'A permission (scope) is missing',
  no_permission: 'The account lacks permission',
  rate_limited: 'The CRM asked Parley to slow down',
  unreachable: 'The CRM could not be reached',
  error: 'Something unexpected went wrong',
};

export const HEALTH: Record<CrmConnectionStatus, { tone: Tone; label: string }> = {
  healthy: { tone: 'success', label: 'Healthy' },
  unhealthy: { tone: 'danger', label: 'Not working' },
  unknown: { tone: 'neutral', label: 'Not checked yet' },
};
