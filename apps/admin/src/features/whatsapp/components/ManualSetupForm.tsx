import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { SecretInput } from '../../../components/SecretInput';
import { useValidatedForm } from '../../../lib/use-validated-form';
import { useCreateConfig } from '../api/create-config';
import { emptyManualSetup, manualSetupRequest, validateManualSetup } from '../lib/config-form';

const API_FIELDS = {
  phone_number_id: 'phone_number_id',
  waba_id: 'waba_id',
  access_token: 'access_token',
  display_phone_number: 'display_phone_number',
} as const;

/** A number connected by hand: the ids and token from Meta's "API setup" page. */
export function ManualSetupForm() {
  const create = useCreateConfig();
  const { values, set, bind, errors, formErrors, submitWith, showApiError } = useValidatedForm(
    emptyManualSetup,
    {
      validate: validateManualSetup,
      apiFields: API_FIELDS,
    },
  );
  const submit = submitWith((v) => create.mutate(manualSetupRequest(v), { onError: showApiError }));

  return (
    <form onSubmit={submit} noValidate aria-label="Set up WhatsApp manually">
      <p className="muted form-intro">
        In Meta&apos;s App Dashboard open <strong>WhatsApp › API setup</strong>: it shows the phone number id
        and the WhatsApp Business Account id. Use a permanent token of a system user with the{' '}
        <code>whatsapp_business_messaging</code> and <code>whatsapp_business_management</code> permissions.
      </p>
      <div className="form-grid">
        <Field
          label="Phone number id"
          {...bind('phone_number_id')}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          hint="Digits only, e.g. 106540352242922"
        />
        <Field
          label="WhatsApp Business Account id"
          {...bind('waba_id')}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          hint="Digits only, e.g. 102290129340398"
        />
        <Field
          label="Display phone number (optional)"
          {...bind('display_phone_number')}
          autoComplete="off"
          hint="As your customers see it, e.g. +1 555-078-3881"
        />
      </div>
      <SecretInput
        label="Access token"
        masked={null}
        value={values.access_token}
        onChange={(value) => set('access_token', value ?? '')}
        error={errors.access_token}
        placeholder="Paste the system user's token"
        showStored={false}
      />
      <FormError messages={formErrors} />
      <div className="form-actions">
        <Button type="submit" loading={create.isPending}>
          Connect number
        </Button>
      </div>
    </form>
  );
}
