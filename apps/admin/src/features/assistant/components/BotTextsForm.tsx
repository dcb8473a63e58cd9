import { BOT_TEXT_KEYS, DEFAULT_BOT_TEXTS, type BotTextKey } from '@parley/shared-types';
import { useState, type FormEvent } from 'react';
import type { TenantSettings } from '../../../api/tenant/conversation-settings';
import { useUpdateSettings } from '../../../api/tenant/update-settings';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { FormError } from '../../../components/FormError';
import { TextAreaField } from '../../../components/TextAreaField';
import { splitApiError } from '../../../lib/api-errors';
import { focusFirstInvalid } from '../../../lib/forms';
import {
  BOT_TEXT_MAX,
  BOT_TEXTS,
  conversationRequest,
  conversationValuesFrom,
  validateConversation,
  type ConversationErrors,
  type ConversationValues,
} from '../lib/bot-texts';

const API_FIELDS = Object.fromEntries(BOT_TEXT_KEYS.map((k) => [`bot_texts.${k}`, k])) as Record<
  string,
  BotTextKey
>;

/** The bot's fixed wording (everything that is not a model's answer) and the lead questions' rules. */
export function BotTextsForm({ tenant }: { tenant: TenantSettings }) {
  const update = useUpdateSettings();
  const saved = conversationValuesFrom(tenant);
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<ConversationErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);

  const setText = (key: BotTextKey, text: string) => {
    setValues((v) => ({ ...v, texts: { ...v.texts, [key]: text } }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateConversation(values);
    setErrors(found);
    setFormErrors([]);
    if (Object.values(found).some(Boolean)) return focusFirstInvalid(event.currentTarget);
    update.mutate(conversationRequest(values), {
      onSuccess: (next) => setValues(conversationValuesFrom(next)),
      onError: (error) => {
        const split = splitApiError(error, API_FIELDS);
        setErrors(split.fields);
        setFormErrors(split.other);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Bot texts">
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
        <FormError messages={formErrors} />
        <div className="form-actions">
          {update.isSuccess && !dirty && (
            <span className="saved-note" role="status">
              Saved
            </span>
          )}
          <Button variant="secondary" onClick={() => setValues(saved)} disabled={!dirty || update.isPending}>
            Undo changes
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!dirty}>
            Save texts
          </Button>
        </div>
      </Card>
    </form>
  );
}
