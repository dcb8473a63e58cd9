import { LLM_PROVIDERS, type LlmProvider, type TenantResponse } from '@parley/shared-types';
import { useSettings } from '../../../api/tenant/get-settings';
import { useSettingsForm } from '../../../api/tenant/use-settings-form';
import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { PageHeader } from '../../../components/PageHeader';
import { SaveActions } from '../../../components/SaveActions';
import { QueryView } from '../../../components/States';
import { TextAreaField } from '../../../components/TextAreaField';
import { BotTextsForm } from '../components/BotTextsForm';
import {
  assistantRequest,
  assistantValuesFrom,
  PROMPT_MAX,
  PROVIDERS,
  validateAssistant,
} from '../lib/assistant-form';

const API_FIELDS = {
  'llm.provider': 'provider',
  'llm.model': 'model',
  'llm.allow_switch': 'allow_switch',
  'llm.system_prompt': 'system_prompt',
} as const;

export function AssistantPage() {
  const settings = useSettings();
  return (
    <>
      <PageHeader
        title="Assistant"
        description="The language model that answers questions, and how it behaves."
      />
      <QueryView query={settings} loadingLabel="Loading the assistant settings…">
        {(tenant) => (
          <>
            <AssistantForm tenant={tenant} />
            <BotTextsForm tenant={tenant} />
          </>
        )}
      </QueryView>
    </>
  );
}

function AssistantForm({ tenant }: { tenant: TenantResponse }) {
  const form = useSettingsForm({
    tenant,
    valuesFrom: assistantValuesFrom,
    validate: validateAssistant,
    toRequest: assistantRequest,
    apiFields: API_FIELDS,
  });
  const { values, set, bind } = form;

  return (
    <form onSubmit={form.submit} noValidate aria-label="Assistant settings">
      <Card title="Model">
        <fieldset className="choice-cards">
          <legend>Provider</legend>
          {LLM_PROVIDERS.map((provider: LlmProvider) => (
            <label
              key={provider}
              className={`choice-card ${values.provider === provider ? 'choice-card-selected' : ''}`}
            >
              <input
                type="radio"
                name="provider"
                value={provider}
                checked={values.provider === provider}
                onChange={() => set('provider', provider)}
              />
              <span>
                <strong>{PROVIDERS[provider].label}</strong>
                <span className="choice-card-text">{PROVIDERS[provider].description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field
          label="Model"
          {...bind('model')}
          placeholder={`e.g. ${PROVIDERS[values.provider].example}`}
          spellCheck={false}
          autoComplete="off"
          hint={`Empty: the platform's default model for ${PROVIDERS[values.provider].label}.`}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={values.allow_switch}
            onChange={(e) => set('allow_switch', e.target.checked)}
          />
          <span>
            Let people switch the model in the chat with <code>/set_llm gemini</code> or{' '}
            <code>/set_llm ollama</code>
          </span>
        </label>
      </Card>
      <Card title="Instructions">
        <TextAreaField
          label="System prompt"
          {...bind('system_prompt')}
          rows={10}
          maxLength={PROMPT_MAX}
          placeholder="You are the assistant of Acme Dental. Answer briefly and kindly, in the customer's language. Never give medical advice; offer an appointment instead."
          hint={`${values.system_prompt.length} / ${PROMPT_MAX} characters. Sent with every question, before your knowledge and the conversation.`}
        />
        <SaveActions form={form} />
      </Card>
    </form>
  );
}
