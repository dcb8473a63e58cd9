import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCrmStatus } from '../../../api/tenant/get-crm-status';
import { useSettings } from '../../../api/tenant/get-settings';
import { useUpdateSettings } from '../../../api/tenant/update-settings';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/States';
import { ConnectionCard } from '../components/ConnectionCard';
import { CrmSettingsForm } from '../components/CrmSettingsForm';
import { LeadSourceForm } from '../components/LeadSourceForm';

export function CrmPage() {
  const settings = useSettings();
  const status = useCrmStatus();
  const update = useUpdateSettings();
  const [unsaved, setUnsaved] = useState(false);
  const [params, setParams] = useSearchParams();
  // Zoho's consent ends on the API's callback, which sends the tenant back here with the outcome.
  const zoho = params.get('zoho');
  const dismissZoho = () => setParams({}, { replace: true });
  return (
    <>
      <PageHeader
        title="CRM"
        description="Where the leads the bot captures are kept, and how it recognises people it already knows."
      />
      {zoho === 'connected' && (
        <p className="notice notice-success" role="status">
          Zoho is connected: new leads go to your Zoho CRM.{' '}
          <button type="button" className="link-button" onClick={dismissZoho}>
            Dismiss
          </button>
        </p>
      )}
      {zoho === 'error' && (
        <p className="form-error" role="alert">
          Zoho was not connected: {params.get('message') ?? 'Zoho did not say why'}.{' '}
          <button type="button" className="link-button" onClick={dismissZoho}>
            Dismiss
          </button>
        </p>
      )}
      <div className="two-column">
        <Card title="Settings">
          <QueryView query={settings} loadingLabel="Loading your CRM settings…">
            {(tenant) => (
              <CrmSettingsForm
                tenant={tenant}
                onSave={(body) => update.mutateAsync(body)}
                saving={update.isPending}
                onDirtyChange={setUnsaved}
              />
            )}
          </QueryView>
        </Card>
        <div>
          <QueryView query={status} loadingLabel="Checking the connection…">
            {(crm) => (
              <>
                <ConnectionCard status={crm} unsavedChanges={unsaved} />
                {crm.crm === 'zoho' && <LeadSourceForm status={crm} />}
              </>
            )}
          </QueryView>
        </div>
      </div>
    </>
  );
}
