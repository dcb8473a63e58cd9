import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { SecretInput } from '../../../components/SecretInput';
import { splitApiError } from '../../../lib/api-errors';
import { focusFirstInvalid } from '../../../lib/forms';
import { useCreateConfig } from '../api/create-config';
import {
  emptyManualSetup,
  manualSetupRequest,
  validateManualSetup,
  type ManualSetupErrors,
  type ManualSetupValues,
} from '../lib/config-form';

const API_FIELDS = {
  phone_number_id: 'phone_number_id',
  waba_id: 'waba_id',
  access_token: 'access_token',
  display_phone_number: 'display_phone_number',
} as const;

/** A number connected by hand: the ids and token from Meta's "API setup" page. */
export function ManualSetupForm() {
  const create = useCreateConfig();
  const [values, setValues] = useState<ManualSetupValues>(emptyManualSetup);
  const [errors, setErrors] = useState<ManualSetupErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const set = (key: keyof ManualSetupValues, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateManualSetup(values);
    setErrors(found);
    setFormErrors([]);
    if (Object.keys(found).length) return focusFirstInvalid(event.currentTarget);
    create.mutate(manualSetupRequest(values), {
      onError: (error) => {
        const split = splitApiError(error, API_FIELDS);
        setErrors(split.fields);
        setFormErrors(split.other);
      },
    });
  };

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
          value={values.phone_number_id}
          onChange={(e) => set('phone_number_id', e.target.value)}
          error={errors.phone_number_id}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          hint="Digits only, e.g. 106540352242922"
        />
        <Field
          label="WhatsApp Business Account id"
          value={values.waba_id}
          onChange={(e) => set('waba_id', e.target.value)}
          error={errors.waba_id}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          hint="Digits only, e.g. 102290129340398"
        />
        <Field
          label="Display phone number (optional)"
          value={values.display_phone_number}
          onChange={(e) => set('display_phone_number', e.target.value)}
          error={errors.display_phone_number}
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
