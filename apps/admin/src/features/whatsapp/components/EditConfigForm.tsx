import type { WhatsAppConfig } from '@parley/shared-types';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { SecretInput } from '../../../components/SecretInput';
import { useValidatedForm } from '../../../lib/use-validated-form';
import { useUpdateConfig } from '../api/update-config';
import { editConfigRequest, editValuesFrom, validateEditConfig } from '../lib/config-form';

const API_FIELDS = {
  phone_number_id: 'phone_number_id',
  waba_id: 'waba_id',
  display_phone_number: 'display_phone_number',
  business_id: 'business_id',
  fb_app_id: 'fb_app_id',
  callback_url: 'callback_url',
  token_expires_at: 'token_expires_on',
  access_token: 'access_token',
  fb_app_secret: 'fb_app_secret',
  webhook_verify_token: 'webhook_verify_token',
} as const;

/** Changes the configuration; only what was changed is sent, secrets only when a new one was typed. */
export function EditConfigForm({ config, onDone }: { config: WhatsAppConfig; onDone: () => void }) {
  const update = useUpdateConfig();
  const { values, set, bind, errors, formErrors, submitWith, showApiError } = useValidatedForm(
    () => editValuesFrom(config),
    { validate: validateEditConfig, apiFields: API_FIELDS },
  );

  const submit = submitWith((v) => {
    const body = editConfigRequest(v, config);
    if (Object.keys(body).length === 0) return onDone();
    update.mutate(body, { onSuccess: onDone, onError: showApiError });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Edit the WhatsApp configuration">
      <fieldset className="form-section">
        <legend>Number</legend>
        <div className="form-grid">
          <Field
            label="Phone number id"
            inputMode="numeric"
            spellCheck={false}
            {...bind('phone_number_id')}
          />
          <Field
            label="WhatsApp Business Account id"
            inputMode="numeric"
            spellCheck={false}
            {...bind('waba_id')}
          />
          <Field label="Display phone number" {...bind('display_phone_number')} />
          <Field label="Meta business id" inputMode="numeric" spellCheck={false} {...bind('business_id')} />
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Credentials</legend>
        <SecretInput
          label="Access token"
          masked={config.access_token}
          value={values.access_token}
          onChange={(v) => set('access_token', v ?? '')}
          error={errors.access_token}
        />
        <div className="form-grid">
          <Field
            label="Token expires on"
            type="date"
            {...bind('token_expires_on')}
            hint="Leave empty for a token that does not expire (system user tokens)."
          />
          <Field label="Meta app id" inputMode="numeric" spellCheck={false} {...bind('fb_app_id')} />
        </div>
        <SecretInput
          label="Meta app secret"
          masked={config.fb_app_secret}
          value={values.fb_app_secret}
          onChange={(v) => set('fb_app_secret', v)}
          removable
          error={errors.fb_app_secret}
          hint="Only needed when your number uses its own Meta app."
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>Webhook</legend>
        <Field
          label="Callback URL"
          type="url"
          spellCheck={false}
          {...bind('callback_url')}
          hint="Leave empty to use the address Parley gives."
        />
        <SecretInput
          label="Verify token"
          masked={config.webhook_verify_token}
          value={values.webhook_verify_token}
          onChange={(v) => set('webhook_verify_token', v ?? '')}
          error={errors.webhook_verify_token}
          hint="If you change it, paste the new one into Meta too."
        />
      </fieldset>
      <FormError messages={formErrors} />
      <div className="form-actions">
        <Button variant="secondary" onClick={onDone} disabled={update.isPending}>
          Cancel
        </Button>
        <Button type="submit" loading={update.isPending}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
