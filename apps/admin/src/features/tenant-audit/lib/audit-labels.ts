import type { AuditEvent } from '@parley/shared-types';

const ACTIONS: Record<string, string> = {
  'config.create': 'Connected a WhatsApp number',
  'config.onboard': 'Connected a WhatsApp number with Facebook',
  'config.reconnect': 'Reconnected the WhatsApp number with Facebook',
  'config.update': 'Changed the WhatsApp configuration',
  'config.reveal': 'Revealed the WhatsApp secrets',
  'config.activate': 'Resumed the bot',
  'config.deactivate': 'Paused the bot',
  'config.delete': 'Disconnected the WhatsApp number',
  'config.admin_delete': 'The platform removed the WhatsApp configuration',
  'tenant.create': 'Created the account',
  'tenant.import': 'Imported the settings',
  'tenant.update': 'The platform changed the settings',
  'tenant.settings.update': 'Changed the settings',
  'crm.settings.update': 'Changed the lead source',
  'crm.zoho.connect': 'Connected Zoho CRM',
  'knowledge_source.create': 'Added a website to the knowledge',
  'knowledge_source.recrawl': 'Read a website again',
  'knowledge_source.delete': 'Removed a website from the knowledge',
  'lead.create': 'Added a lead',
  'lead.retry': 'Retried a lead',
  'user.create': 'Added an admin',
  'user.update': 'Changed an admin',
  'user.enable': 'Enabled an admin',
  'user.disable': 'Disabled an admin',
  'user.password_reset': "Reset an admin's password",
  'user.delete': 'Removed an admin',
  'secrets.rotate': 'Re-encrypted the stored secrets',
};

/** Which part of the settings a top-level field of the tenant snapshot belongs to. */
const SETTING_PARTS: Record<string, string> = {
  name: 'name',
  default_country: 'country',
  branding: 'branding',
  crm: 'CRM',
  zoho: 'CRM',
  hubspot: 'CRM',
  llm: 'assistant',
  status: 'status',
};

const CREDENTIALS: Record<string, string> = {
  whatsapp: 'WhatsApp access token',
  waba_subscription: 'Message subscription',
  zoho: 'Zoho CRM connection',
  hubspot: 'HubSpot token',
};
const CREDENTIAL_STATES: Record<string, string> = {
  ok: 'working',
  expiring: 'expiring soon',
  invalid: 'not working',
  unknown: 'not checked',
};

/** An audit action in words; actions this page does not know yet are shown as recorded. */
export function actionLabel(
  event: Pick<AuditEvent, 'action' | 'before' | 'after'> & { target_id?: string | null },
): string {
  if (event.action === 'credential.status_changed') return credentialLabel(event.target_id, event.after);
  const label = ACTIONS[event.action] ?? event.action;
  if (!event.action.startsWith('tenant.') || event.action === 'tenant.create') return label;
  const parts = changedParts(event.before, event.after);
  return parts.length ? `${label}: ${parts.join(', ')}` : label;
}

/** credential.status_changed (after: {status, error}): "HubSpot token: not working". */
function credentialLabel(target: string | null | undefined, after: unknown): string {
  const name = (target && CREDENTIALS[target]) ?? 'A credential';
  const status = isObject(after) && typeof after.status === 'string' ? after.status : null;
  return status ? `${name}: ${CREDENTIAL_STATES[status] ?? status}` : `${name} was checked`;
}

function changedParts(before: unknown, after: unknown): string[] {
  if (!isObject(before) || !isObject(after)) return [];
  const parts = Object.keys(SETTING_PARTS)
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => SETTING_PARTS[key]);
  return [...new Set(parts)];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Filter choices: a prefix of the action (the API matches prefixes). */
export const ACTION_FILTERS: readonly { value: string; label: string }[] = [
  { value: '', label: 'All actions' },
  { value: 'config.', label: 'WhatsApp' },
  { value: 'config.reveal', label: 'Secret reveals' },
  { value: 'tenant.', label: 'Settings' },
  { value: 'crm.', label: 'CRM' },
  { value: 'knowledge_source.', label: 'Knowledge' },
  { value: 'credential.', label: 'Credential health' },
  { value: 'lead.', label: 'Leads' },
  { value: 'user.', label: 'Admins' },
];
