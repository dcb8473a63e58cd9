import type { CrmStatus, TenantResponse, WhatsAppConfig } from '@parley/shared-types';
import { paths } from '../../../app/paths';

export type StepState = 'done' | 'attention' | 'todo';

export interface SetupStep {
  id: 'whatsapp' | 'crm' | 'assistant' | 'branding';
  title: string;
  state: StepState;
  detail: string;
  to: string;
  action: string;
}

const CRM_NAMES = { zoho: 'Zoho CRM', hubspot: 'HubSpot', local: 'the built-in list' } as const;

/** Where the tenant's setup stands, from what the API reports (nothing here is assumed). */
export function setupSteps(
  settings: TenantResponse,
  config: WhatsAppConfig | null,
  crm: CrmStatus,
): SetupStep[] {
  return [whatsApp(config), crmStep(crm), assistant(settings), branding(settings)];
}

function whatsApp(config: WhatsAppConfig | null): SetupStep {
  const base = { id: 'whatsapp', title: 'WhatsApp number', to: paths.whatsapp } as const;
  if (!config)
    return {
      ...base,
      to: paths.onboarding,
      state: 'todo',
      detail: 'No number is connected yet.',
      action: 'Connect a number',
    };
  const number = config.display_phone_number ?? config.phone_number_id;
  if (!config.is_active)
    return {
      ...base,
      state: 'attention',
      detail: `${number} is paused: messages get no answer.`,
      action: 'Resume the bot',
    };
  return { ...base, state: 'done', detail: `${number} is connected and answering.`, action: 'View' };
}

function crmStep(crm: CrmStatus): SetupStep {
  const base = { id: 'crm', title: 'CRM', to: paths.crm } as const;
  const name = CRM_NAMES[crm.crm];
  if (crm.crm === 'local')
    return { ...base, state: 'done', detail: 'Leads are kept in the built-in list.', action: 'Change' };
  if (!crm.configured)
    return {
      ...base,
      state: 'todo',
      detail: `${name} is chosen but its credentials are missing.`,
      action: 'Finish',
    };
  if (crm.status === 'unhealthy')
    return {
      ...base,
      state: 'attention',
      detail: `${name} is not working${crm.last_error ? `: ${crm.last_error}` : '.'}`,
      action: 'Fix the connection',
    };
  if (crm.status === 'unknown')
    return {
      ...base,
      state: 'todo',
      detail: `${name} has not been checked yet.`,
      action: 'Test the connection',
    };
  return { ...base, state: 'done', detail: `Connected to ${name}.`, action: 'View' };
}

function assistant(settings: TenantResponse): SetupStep {
  const base = { id: 'assistant', title: 'Assistant', to: paths.assistant } as const;
  const model = `${settings.llm.provider === 'gemini' ? 'Gemini' : 'Ollama'}${settings.llm.model ? ` (${settings.llm.model})` : ''}`;
  if (!settings.llm.system_prompt)
    return {
      ...base,
      state: 'todo',
      detail: `${model} answers without instructions about your business.`,
      action: 'Write instructions',
    };
  return { ...base, state: 'done', detail: `${model} with your instructions.`, action: 'Change' };
}

function branding(settings: TenantResponse): SetupStep {
  const base = { id: 'branding', title: 'Welcome message', to: paths.branding } as const;
  if (!settings.branding.welcome_message)
    return { ...base, state: 'todo', detail: 'New contacts get no welcome of yours.', action: 'Write one' };
  return {
    ...base,
    state: 'done',
    detail: settings.branding.logo_url ? 'Welcome message and logo set.' : 'Welcome message set, no logo.',
    action: 'Change',
  };
}
