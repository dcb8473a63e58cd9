import type { BulkAction, CredentialStatus, CrmKind, LlmProvider } from '@parley/shared-types';
import type { Tone } from '../../../components/Badge';

export const CRM_LABELS: Record<CrmKind, string> = {
  zoho: 'Zoho CRM',
  hubspot: 'HubSpot',
  local: 'Built-in',
};
export const LLM_LABELS: Record<LlmProvider, string> = { gemini: 'Gemini', ollama: 'Ollama' };

/** Wording of each bulk action, so buttons, questions and results agree. */
export const BULK_ACTION_TEXT: Record<BulkAction, { verb: string; done: string; danger: boolean }> = {
  activate: { verb: 'Activate', done: 'activated', danger: false },
  deactivate: { verb: 'Deactivate', done: 'deactivated', danger: false },
  delete: { verb: 'Delete', done: 'deleted', danger: true },
  health_check: { verb: 'Check health', done: 'checked', danger: false },
  recrawl_knowledge: { verb: 'Re-crawl knowledge', done: 're-crawled', danger: false },
};

/** "Deactivate 3 tenants", "Check the health of 3 tenants": the action applied to a count. */
export function bulkPhrase(action: BulkAction, tenants: string): string {
  if (action === 'health_check') return `Check the health of ${tenants}`;
  if (action === 'recrawl_knowledge') return `Re-crawl the knowledge of ${tenants}`;
  return `${BULK_ACTION_TEXT[action].verb} ${tenants}`;
}

/** Overall credential health, worst credential first: how the list and the detail page show it. */
export const HEALTH_TEXT: Record<CredentialStatus, { label: string; tone: Tone }> = {
  ok: { label: 'Healthy', tone: 'success' },
  expiring: { label: 'Expiring', tone: 'warning' },
  invalid: { label: 'Invalid', tone: 'danger' },
  unknown: { label: 'Not checked', tone: 'neutral' },
};
