import { CRM_KINDS, LLM_PROVIDERS, type TenantResponse } from '@parley/shared-types';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { SecretInput } from '../../../components/SecretInput';
import { SelectField } from '../../../components/SelectField';
import { TextAreaField } from '../../../components/TextAreaField';
import { ApiError } from '../../../lib/api-client';
import { CRM_LABELS, LLM_LABELS } from '../lib/labels';
import {
  suggestId,
  tenantFormFrom,
  validateTenantForm,
  type TenantFormErrors,
  type TenantFormValues,
} from '../lib/tenant-form';

/** Create or edit a tenant: profile, branding, CRM and assistant. Checks every field before sending. */
export function TenantForm({
  mode,
  initial,
  tenant,
  onSubmit,
  submitLabel,
  onCancel,
}: {
  mode: 'create' | 'edit';
  initial: TenantFormValues;
  /** The tenant as stored (edit): its masked secrets. */
  tenant?: TenantResponse;
  onSubmit: (values: TenantFormValues) => Promise<unknown>;
  submitLabel: string;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<TenantFormErrors>({});
  const [idTouched, setIdTouched] = useState(mode === 'edit');
  const [saving, setSaving] = useState(false);
  const [apiError, setApiError] = useState<ApiError | Error | null>(null);
  const [saved, setSaved] = useState(false);
  // A saved (or otherwise changed) tenant comes back with new masked secrets: start from it again.
  const [seenVersion, setSeenVersion] = useState(tenant?.updated_at);
  if (tenant && tenant.updated_at !== seenVersion) {
    setSeenVersion(tenant.updated_at);
    setValues(tenantFormFrom(tenant));
  }

  const set = <K extends keyof TenantFormValues>(key: K, value: TenantFormValues[K]) => {
    setSaved(false);
    setValues((v) => {
      const next = { ...v, [key]: value };
      if (key === 'name' && !idTouched && typeof value === 'string') next.id = suggestId(value);
      return next;
    });
    const suggestsId = key === 'name' && !idTouched;
    if (errors[key] || (suggestsId && errors.id)) {
      setErrors((e) => ({ ...e, [key]: undefined, ...(suggestsId ? { id: undefined } : {}) }));
    }
  };
  const text = (key: keyof TenantFormValues) => ({
    value: values[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
    error: errors[key],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateTenantForm(values, mode);
    setErrors(found);
    setApiError(null);
    if (Object.keys(found).length) {
      const first = document.querySelector<HTMLElement>('.tenant-form [aria-invalid="true"]');
      first?.focus();
      return;
    }
    setSaving(true);
    try {
      await onSubmit(values);
      setSaved(true);
    } catch (error) {
      setApiError(error instanceof Error ? error : new Error('Could not save'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="tenant-form" onSubmit={(e) => void submit(e)} noValidate>
      <Section title="Profile">
        <div className="form-grid">
          <Field
            label="Name"
            {...text('name')}
            maxLength={200}
            required
            autoFocus={mode === 'create'}
            hint="The business as its customers know it."
          />
          <Field
            label="Tenant id"
            value={values.id}
            onChange={(e) => {
              setIdTouched(true);
              set('id', e.target.value.toLowerCase());
            }}
            error={errors.id}
            readOnly={mode === 'edit'}
            maxLength={63}
            spellCheck={false}
            hint={
              mode === 'create'
                ? 'Permanent. Lower-case letters, digits, _ and -; used in webhook addresses.'
                : 'The id cannot change.'
            }
          />
          <SelectField
            label="Status"
            value={values.status}
            onChange={(e) => set('status', e.target.value as TenantFormValues['status'])}
            options={[
              { value: 'active', label: 'Active' },
              { value: 'suspended', label: 'Suspended' },
            ]}
          />
          <Field
            label="Default country"
            {...text('default_country')}
            maxLength={2}
            placeholder="IN"
            hint="Two-letter code used to read national phone numbers."
          />
        </div>
      </Section>

      <Section title="Branding">
        <TextAreaField
          label="Welcome message"
          {...text('welcome_message')}
          maxLength={4096}
          hint="The bot's first message to a new WhatsApp contact."
        />
        <Field label="Logo address" {...text('logo_url')} type="url" placeholder="https://…" />
      </Section>

      <Section title="CRM">
        <SelectField
          label="CRM"
          value={values.crm}
          onChange={(e) => set('crm', e.target.value as TenantFormValues['crm'])}
          options={CRM_KINDS.map((k) => ({ value: k, label: CRM_LABELS[k] }))}
          hint="Where leads are looked up and saved."
        />
        {values.crm === 'zoho' && (
          <div className="form-grid">
            <Field label="Zoho client id" {...text('zoho_client_id')} spellCheck={false} />
            <SecretInput
              label="Zoho client secret"
              masked={tenant?.zoho.client_secret ?? null}
              value={values.zoho_client_secret}
              onChange={(v) => set('zoho_client_secret', v)}
              error={errors.zoho_client_secret}
              removable
              showStored={!!tenant}
            />
            <Field
              label="Zoho accounts server"
              {...text('zoho_accounts_url')}
              placeholder="https://accounts.zoho.in"
              type="url"
            />
            <Field
              label="Zoho API domain"
              {...text('zoho_api_url')}
              placeholder="https://www.zohoapis.in"
              type="url"
            />
            <SecretInput
              label="Zoho refresh token"
              masked={tenant?.zoho.refresh_token ?? null}
              value={values.zoho_refresh_token}
              onChange={(v) => set('zoho_refresh_token', v)}
              error={errors.zoho_refresh_token}
              removable
              showStored={!!tenant}
            />
          </div>
        )}
        {values.crm === 'hubspot' && (
          <SecretInput
            label="HubSpot private app token"
            masked={tenant?.hubspot.api_key ?? null}
            value={values.hubspot_api_key}
            onChange={(v) => set('hubspot_api_key', v)}
            error={errors.hubspot_api_key}
            removable
            showStored={!!tenant}
          />
        )}
        {values.crm === 'local' && <p className="muted">Leads are kept in Parley&apos;s own lead list.</p>}
      </Section>

      <Section title="Assistant">
        <div className="form-grid">
          <SelectField
            label="LLM provider"
            value={values.llm_provider}
            onChange={(e) => set('llm_provider', e.target.value as TenantFormValues['llm_provider'])}
            options={LLM_PROVIDERS.map((k) => ({ value: k, label: LLM_LABELS[k] }))}
          />
          <Field label="Model" {...text('llm_model')} placeholder="Provider default" maxLength={100} />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={values.llm_allow_switch}
            onChange={(e) => set('llm_allow_switch', e.target.checked)}
          />
          <span>WhatsApp users may switch provider with /set_llm</span>
        </label>
        <TextAreaField label="System prompt" {...text('llm_system_prompt')} maxLength={8000} />
      </Section>

      {Object.values(errors).some(Boolean) && (
        <p className="form-error" role="alert">
          Some fields need attention before this can be saved.
        </p>
      )}
      {apiError && (
        <div className="form-error" role="alert">
          {apiError.message}
          {apiError instanceof ApiError && apiError.details.length > 1 && (
            <ul>
              {apiError.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="form-actions">
        {saved && mode === 'edit' && (
          <span className="saved-note" role="status">
            Saved
          </span>
        )}
        {onCancel && (
          <Button variant="secondary" onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
        )}
        <Button type="submit" loading={saving}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
