import { BOT_TEXT_KEYS, DEFAULT_BOT_TEXTS, type BotTextKey } from '@parley/shared-types';
import type { TenantSettings } from '../../../api/tenant/conversation-settings';
import { useSettingsForm } from '../../../api/tenant/use-settings-form';
import { Card } from '../../../components/Card';
import { SaveActions } from '../../../components/SaveActions';
import { TextAreaField } from '../../../components/TextAreaField';
import {
  BOT_TEXT_MAX,
  BOT_TEXTS,
  conversationRequest,
  conversationValuesFrom,
  validateConversation,
  type ConversationValues,
} from '../lib/bot-texts';

const API_FIELDS = Object.fromEntries(BOT_TEXT_KEYS.map((k) => [`bot_texts.${k}`, k])) as Record<
  string,
  BotTextKey
>;

/** The bot's fixed wording (everything that is not a model's answer) and the lead questions' rules. */
export function BotTextsForm({ tenant }: { tenant: TenantSettings }) {
  const form = useSettingsForm({
    tenant,
    valuesFrom: conversationValuesFrom,
    validate: validateConversation,
    toRequest: conversationRequest,
    apiFields: API_FIELDS,
  });
  const { values, setValues, errors } = form;

  const setText = (key: BotTextKey, text: string) => {
    setValues((v) => ({ ...v, texts: { ...v.texts, [key]: text } }));
    form.clearError(key);
  };

  return (
    <form onSubmit={form.submit} noValidate aria-label="Bot texts">
      <Card title="Lead questions">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={values.allow_skip_email}
            onChange={(e) =>
              setValues((v: ConversationValues) => ({ ...v, allow_skip_email: e.target.checked }))
            }
          />
          <span>
            Let new contacts answer <code>skip</code> instead of giving an email address
          </span>
        </label>
      </Card>
      <Card title="Bot texts">
        <p className="muted form-intro">
          Leave a box empty to use the wording shown in it. <code>{'{name}'}</code>, <code>{'{url}'}</code>{' '}
          and <code>{'{providers}'}</code> are filled in where the hint says so. WhatsApp formatting (*bold*,
          _italic_) works.
        </p>
        <div className="bot-texts">
          {BOT_TEXT_KEYS.map((key) => {
            const info = BOT_TEXTS[key];
            return (
              <TextAreaField
                key={key}
                label={info.label}
                value={values.texts[key]}
                onChange={(e) => setText(key, e.target.value)}
                placeholder={DEFAULT_BOT_TEXTS[key]}
                error={errors[key]}
                rows={2}
                maxLength={BOT_TEXT_MAX + 200}
                hint={
                  info.variables.length
                    ? `Can use ${info.variables.map((v) => `{${v}}`).join(', ')}`
                    : undefined
                }
              />
            );
          })}
        </div>
        <SaveActions form={form} saveLabel="Save texts" />
      </Card>
    </form>
  );
}
