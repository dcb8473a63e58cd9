import type { TenantResponse } from '@parley/shared-types';
import { useState, type FormEvent } from 'react';
import { useSettings } from '../../../api/tenant/get-settings';
import { useUpdateSettings } from '../../../api/tenant/update-settings';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/States';
import { TextAreaField } from '../../../components/TextAreaField';
import { splitApiError } from '../../../lib/api-errors';
import { focusFirstInvalid } from '../../../lib/forms';
import { WhatsAppPreview } from '../components/WhatsAppPreview';
import {
  brandingRequest,
  brandingValuesFrom,
  logoAdvice,
  NAME_QUESTION,
  validateBranding,
  WELCOME_MAX,
  type BrandingErrors,
  type BrandingValues,
} from '../lib/branding-form';

const API_FIELDS = {
  'branding.welcome_message': 'welcome_message',
  'branding.logo_url': 'logo_url',
} as const;

export function BrandingPage() {
  const settings = useSettings();
  return (
    <>
      <PageHeader
        title="Branding"
        description="How the bot greets someone who writes to you for the first time."
      />
      <QueryView query={settings} loadingLabel="Loading your branding…">
        {(tenant) => <BrandingEditor tenant={tenant} />}
      </QueryView>
    </>
  );
}

function BrandingEditor({ tenant }: { tenant: TenantResponse }) {
  const update = useUpdateSettings();
  const saved = brandingValuesFrom(tenant);
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<BrandingErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const dirty = values.welcome_message !== saved.welcome_message || values.logo_url !== saved.logo_url;
  const liveErrors = validateBranding(values);
  const advice = liveErrors.logo_url ? null : logoAdvice(values.logo_url);

  const set = (key: keyof BrandingValues, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setErrors(liveErrors);
    setFormErrors([]);
    if (Object.keys(liveErrors).length) return focusFirstInvalid(event.currentTarget);
    update.mutate(brandingRequest(values), {
      onSuccess: (next) => setValues(brandingValuesFrom(next)),
      onError: (error) => {
        const split = splitApiError(error, API_FIELDS);
        setErrors(split.fields);
        setFormErrors(split.other);
      },
    });
  };

  return (
    <div className="preview-layout">
      <Card title="First message">
        <form onSubmit={submit} noValidate aria-label="Branding">
          <TextAreaField
            label="Welcome message"
            value={values.welcome_message}
            onChange={(e) => set('welcome_message', e.target.value)}
            error={errors.welcome_message}
            rows={6}
            maxLength={WELCOME_MAX}
            hint={
              <>
                {values.welcome_message.length} / {WELCOME_MAX} characters. WhatsApp formatting works:{' '}
                <code>*bold*</code>, <code>_italic_</code>, <code>~strike~</code>.
              </>
            }
          />
          <Field
            label="Logo URL"
            type="url"
            value={values.logo_url}
            onChange={(e) => set('logo_url', e.target.value)}
            error={errors.logo_url}
            placeholder="https://example.com/logo.png"
            spellCheck={false}
            hint={advice ?? 'Sent as an image message after the welcome. Leave empty to send no image.'}
          />
          <FormError messages={formErrors} />
          <div className="form-actions">
            {update.isSuccess && !dirty && (
              <span className="saved-note" role="status">
                Saved
              </span>
            )}
            <Button
              variant="secondary"
              onClick={() => setValues(saved)}
              disabled={!dirty || update.isPending}
            >
              Undo changes
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!dirty}>
              Save
            </Button>
          </div>
        </form>
      </Card>
      <section className="preview-panel" aria-label="Preview">
        <h2 className="preview-title">Preview</h2>
        <WhatsAppPreview
          businessName={tenant.name}
          welcomeMessage={values.welcome_message}
          logoUrl={values.logo_url}
          logoValid={!!values.logo_url.trim() && !liveErrors.logo_url}
          nameQuestion={tenant.bot_texts?.ask_name?.trim() || NAME_QUESTION}
        />
        <p className="field-hint">
          Updates as you type. Someone already known from your CRM is greeted by name instead of being asked.
        </p>
      </section>
    </div>
  );
}
