import type { LlmProvider, TenantResponse, UpdateTenantSettingsRequest } from '@parley/shared-types';
import { withoutEmpty } from '../../../lib/forms';

export const PROMPT_MAX = 8000;
export const MODEL_MAX = 100;

export const PROVIDERS: Record<LlmProvider, { label: string; description: string; example: string }> = {
  gemini: {
    label: 'Google Gemini',
    description: "Google's hosted models.",
    example: 'gemini-2.5-flash',
  },
  ollama: {
    label: 'Ollama',
    description: 'Open models on the Ollama server of your platform.',
    example: 'phi3:mini',
  },
};

export interface AssistantValues {
  provider: LlmProvider;
  model: string;
  allow_switch: boolean;
  system_prompt: string;
}

export type AssistantErrors = Partial<Record<keyof AssistantValues, string>>;

export const assistantValuesFrom = (t: TenantResponse): AssistantValues => ({
  provider: t.llm.provider,
  model: t.llm.model ?? '',
  allow_switch: t.llm.allow_switch,
  system_prompt: t.llm.system_prompt ?? '',
});

export function validateAssistant(v: AssistantValues): AssistantErrors {
  const errors: AssistantErrors = {};
  const model = v.model.trim();
  if (model.length > MODEL_MAX) errors.model = `Keep the model name to ${MODEL_MAX} characters`;
  else if (/\s/.test(model)) errors.model = 'Model names have no spaces, e.g. gemini-2.5-flash';
  if (v.system_prompt.length > PROMPT_MAX)
    errors.system_prompt = `Keep the prompt to ${PROMPT_MAX} characters`;
  return withoutEmpty(errors);
}

export function assistantRequest(v: AssistantValues): UpdateTenantSettingsRequest {
  return {
    llm: {
      provider: v.provider,
      model: v.model.trim() || null,
      allow_switch: v.allow_switch,
      system_prompt: v.system_prompt.trim() || null,
    },
  };
}
