const ACTIONS: Record<string, string> = {
  'config.create': 'Connected a WhatsApp number',
  'config.update': 'Changed the WhatsApp configuration',
  'config.reveal': 'Revealed the WhatsApp secrets',
  'config.activate': 'Resumed the bot',
  'config.deactivate': 'Paused the bot',
  'config.delete': 'Disconnected the WhatsApp number',
  'tenant.create': 'Created the account',
  'tenant.update': 'Changed the settings (platform admin)',
  'tenant.settings.update': 'Changed the settings',
  'crm.settings.update': 'Changed the lead source',
  'lead.create': 'Added a lead',
  'lead.retry': 'Retried a lead',
};

/** An audit action in words; actions this page does not know yet are shown as recorded. */
export const actionLabel = (action: string) => ACTIONS[action] ?? action;

/** Filter choices: a prefix of the action (the API matches prefixes). */
export const ACTION_FILTERS: readonly { value: string; label: string }[] = [
  { value: '', label: 'All actions' },
  { value: 'config.', label: 'WhatsApp' },
  { value: 'config.reveal', label: 'Secret reveals' },
  { value: 'tenant.', label: 'Settings' },
  { value: 'crm.', label: 'CRM' },
  { value: 'lead.', label: 'Leads' },
];
