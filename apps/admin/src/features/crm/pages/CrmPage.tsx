import { useState } from 'react';
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
  return (
    <>
      <PageHeader
        title="CRM"
        description="Where the leads the bot captures are kept, and how it recognises people it already knows."
      />
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
