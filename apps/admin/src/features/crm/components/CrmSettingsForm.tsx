import type { TenantResponse, UpdateTenantSettingsRequest } from '@parley/shared-types';
import { useEffect, useState } from 'react';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { SecretInput } from '../../../components/SecretInput';
import { useValidatedForm } from '../../../lib/use-validated-form';
import { crmFormDirty, crmFormFrom, crmRequest, validateCrmForm, type CrmFormValues } from '../lib/crm-form';
import { dataCentreUrls } from '../lib/zoho-data-centres';
import { CrmChoice } from './CrmChoice';
import { DataCentreField } from './DataCentreField';
import { ZohoConnect } from './ZohoConnect';

const API_FIELDS = {
  crm: 'crm',
  'zoho.client_id': 'zoho_client_id',
  'zoho.client_secret': 'zoho_client_secret',
  'zoho.refresh_token': 'zoho_refresh_token',
  'zoho.accounts_url': 'zoho_accounts_url',
  'zoho.api_url': 'zoho_api_url',
  'hubspot.api_key': 'hubspot_api_key',
} as const;

/**
 * The CRM choice and its credentials. Secret boxes start empty (the stored value is shown masked
 * beside them) and a secret is sent only when a new one was typed.
 */
export function CrmSettingsForm({
  tenant,
  onSave,
  saving,
  onDirtyChange,
}: {
  tenant: TenantResponse;
  onSave: (body: UpdateTenantSettingsRequest) => Promise<TenantResponse>;
  saving: boolean;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { values, setValues, errors, clearError, formErrors, submitWith, showApiError } = useValidatedForm<
    CrmFormValues,
    keyof CrmFormValues
  >(() => crmFormFrom(tenant), { validate: (v) => validateCrmForm(v, tenant), apiFields: API_FIELDS });
  const [savedNote, setSavedNote] = useState(false);
  const dirty = crmFormDirty(values, tenant);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const update = (next: CrmFormValues) => {
    setValues(next);
    setSavedNote(false);
  };
  const set = <K extends keyof CrmFormValues>(key: K, value: CrmFormValues[K]) => {
    update({ ...values, [key]: value });
    clearError(key);
  };

  const submit = submitWith((v) => {
    onSave(crmRequest(v)).then((saved) => {
      setValues(crmFormFrom(saved));
      setSavedNote(true);
    }, showApiError);
  });

  return (
    <form onSubmit={submit} noValidate aria-label="CRM settings">
      <CrmChoice value={values.crm} onChange={(crm) => set('crm', crm)} />

      {values.crm === 'zoho' && (
        <fieldset className="form-section">
          <legend>Zoho CRM</legend>
          <DataCentreField
            choice={values.zoho_data_centre}
            accountsUrl={values.zoho_accounts_url}
            apiUrl={values.zoho_api_url}
            onChoice={(choice) => {
              // Typing other addresses usually starts from the data centre that was chosen.
              const from = values.zoho_data_centre;
              const prefill = choice === 'custom' && !values.zoho_accounts_url.trim() && from !== 'custom';
              update({
                ...values,
                zoho_data_centre: choice,
                ...(prefill
                  ? {
                      zoho_accounts_url: dataCentreUrls(from).accounts_url ?? '',
                      zoho_api_url: dataCentreUrls(from).api_url ?? '',
                    }
                  : {}),
              });
            }}
            onAccountsUrl={(v) => set('zoho_accounts_url', v)}
            onApiUrl={(v) => set('zoho_api_url', v)}
            errors={{ accounts: errors.zoho_accounts_url, api: errors.zoho_api_url }}
          />
          <Field
            label="Client id"
            value={values.zoho_client_id}
            onChange={(e) => set('zoho_client_id', e.target.value)}
            error={errors.zoho_client_id}
            autoComplete="off"
            spellCheck={false}
            placeholder="1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
          />
          <SecretInput
            label="Client secret"
            masked={tenant.zoho.client_secret}
            value={values.zoho_client_secret}
            onChange={(v) => set('zoho_client_secret', v ?? '')}
            error={errors.zoho_client_secret}
          />
          <ZohoConnect unsaved={dirty} connected={!!tenant.zoho.refresh_token} />
          <SecretInput
            label="Refresh token"
            masked={tenant.zoho.refresh_token}
            value={values.zoho_refresh_token}
            onChange={(v) => set('zoho_refresh_token', v ?? '')}
            error={errors.zoho_refresh_token}
            hint={
              <>
                Or paste one: create a Self Client in Zoho&apos;s API console and generate a code with the
                scope <code>ZohoCRM.modules.leads.ALL</code>.
              </>
            }
          />
        </fieldset>
      )}

      {values.crm === 'hubspot' && (
        <fieldset className="form-section">
          <legend>HubSpot</legend>
          <SecretInput
            label="Private app token"
            masked={tenant.hubspot.api_key}
            value={values.hubspot_api_key}
            onChange={(v) => set('hubspot_api_key', v ?? '')}
            error={errors.hubspot_api_key}
            placeholder={tenant.hubspot.api_key ? undefined : 'pat-…'}
            hint={
              <>
                In HubSpot: Settings › Integrations › Private apps, with the scopes{' '}
                <code>crm.objects.contacts.read</code> and <code>crm.objects.contacts.write</code>.
              </>
            }
          />
        </fieldset>
      )}

      <FormError messages={formErrors} />
      <div className="form-actions">
        {savedNote && !dirty && (
          <span className="saved-note" role="status">
            Saved
          </span>
        )}
        <Button variant="secondary" onClick={() => update(crmFormFrom(tenant))} disabled={!dirty || saving}>
          Undo changes
        </Button>
        <Button type="submit" loading={saving} disabled={!dirty}>
          Save
        </Button>
      </div>
    </form>
  );
}
