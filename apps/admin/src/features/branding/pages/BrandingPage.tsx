import type { TenantResponse } from '@parley/shared-types';
import { useSettings } from '../../../api/tenant/get-settings';
import { useSettingsForm } from '../../../api/tenant/use-settings-form';
import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { PageHeader } from '../../../components/PageHeader';
import { SaveActions } from '../../../components/SaveActions';
import { QueryView } from '../../../components/States';
import { TextAreaField } from '../../../components/TextAreaField';
import { WhatsAppPreview } from '../components/WhatsAppPreview';
import {
  brandingRequest,
  brandingValuesFrom,
  logoAdvice,
  NAME_QUESTION,
  validateBranding,
  WELCOME_MAX,
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
  const form = useSettingsForm({
    tenant,
    valuesFrom: brandingValuesFrom,
    validate: validateBranding,
    toRequest: brandingRequest,
    apiFields: API_FIELDS,
  });
  const { values, bind } = form;
  const liveErrors = validateBranding(values);
  const advice = liveErrors.logo_url ? null : logoAdvice(values.logo_url);

  return (
    <div className="preview-layout">
      <Card title="First message">
        <form onSubmit={form.submit} noValidate aria-label="Branding">
          <TextAreaField
            label="Welcome message"
            {...bind('welcome_message')}
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
            {...bind('logo_url')}
            placeholder="https://example.com/logo.png"
            spellCheck={false}
            hint={advice ?? 'Sent as an image message after the welcome. Leave empty to send no image.'}
          />
          <SaveActions form={form} />
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
