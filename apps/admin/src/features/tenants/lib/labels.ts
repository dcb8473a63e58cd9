import type { BulkAction, CrmKind, LlmProvider } from '@parley/shared-types';

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
};
