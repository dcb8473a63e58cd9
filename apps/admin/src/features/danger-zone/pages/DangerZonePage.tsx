import { DELETE_ALL_CONFIGS_CONFIRMATION } from '@parley/shared-types';
import { useState } from 'react';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { plural } from '../../../lib/format';
import { useConfigCount } from '../api/config-stats';
import { useDeleteAllConfigs } from '../api/delete-all-configs';

export function DangerZonePage() {
  const stats = useConfigCount();
  const deleteAll = useDeleteAllConfigs();
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<number | null>(null);

  return (
    <>
      <PageHeader title="Danger zone" description="Platform-wide actions that cannot be undone." />
      <Card title="Delete every WhatsApp configuration" className="danger-card">
        <QueryView query={stats} loadingLabel="Counting configurations…">
          {(s) => (
            <>
              <p>
                This deletes the WhatsApp configuration of <strong>every tenant</strong>: right now{' '}
                <strong>{plural(s.configs.total, 'configuration')}</strong> (
                {plural(s.configs.active, 'active one')}
                ), with their access tokens, app secrets, webhook verify tokens and phone numbers.
              </p>
              <ul className="consequences">
                <li>
                  Every bot stops answering on WhatsApp at once; incoming webhooks no longer reach a tenant.
                </li>
                <li>Tenants, their admins, CRM and assistant settings stay as they are.</li>
                <li>Each tenant has to connect its number again, through onboarding or by hand.</li>
                <li>It is recorded in the audit log, with the list of tenants it affected.</li>
              </ul>
              <p className="muted">
                Use it to wipe a test installation, or after a leaked Meta app secret when every token must be
                reissued.
              </p>
              {result !== null && (
                <p className="notice notice-info" role="status">
                  Deleted {plural(result, 'configuration')}.
                </p>
              )}
              <Button variant="danger" disabled={s.configs.total === 0} onClick={() => setAsking(true)}>
                Delete all {plural(s.configs.total, 'configuration')}
              </Button>
              {s.configs.total === 0 && <p className="muted">There are no configurations to delete.</p>}
              <ConfirmDialog
                open={asking}
                title={`Delete all ${plural(s.configs.total, 'WhatsApp configuration')}?`}
                confirmLabel="Delete everything"
                typedConfirmation={DELETE_ALL_CONFIGS_CONFIRMATION}
                busy={deleteAll.isPending}
                error={
                  deleteAll.error instanceof ApiError
                    ? deleteAll.error.message
                    : deleteAll.error
                      ? 'Could not delete; nothing was changed'
                      : null
                }
                onCancel={() => {
                  deleteAll.reset();
                  setAsking(false);
                }}
                onConfirm={() =>
                  deleteAll.mutate(DELETE_ALL_CONFIGS_CONFIRMATION, {
                    onSuccess: ({ deleted }) => {
                      setResult(deleted);
                      setAsking(false);
                    },
                  })
                }
              >
                <p>
                  Every tenant&apos;s WhatsApp number is disconnected and its credentials deleted. This cannot
                  be undone.
                </p>
              </ConfirmDialog>
            </>
          )}
        </QueryView>
      </Card>
    </>
  );
}
