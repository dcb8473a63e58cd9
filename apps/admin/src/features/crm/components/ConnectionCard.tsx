import type { CrmStatus } from '@parley/shared-types';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { FormError } from '../../../components/FormError';
import { KeyValues } from '../../../components/KeyValues';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useTestConnection } from '../api/test-connection';
import { CRM_LABELS } from '../lib/crm-form';
import { HEALTH, VERDICT_HEADLINES } from '../lib/verdicts';

/** The saved CRM's health, its lead counts, and the connection test with its verdict in plain words. */
export function ConnectionCard({ status, unsavedChanges }: { status: CrmStatus; unsavedChanges: boolean }) {
  const test = useTestConnection();
  const result = test.data?.crm === status.crm ? test.data : null;
  const health = HEALTH[status.status];
  return (
    <Card
      title="Connection"
      actions={
        <Button
          size="sm"
          variant="secondary"
          onClick={() => test.mutate()}
          loading={test.isPending}
          disabled={unsavedChanges}
        >
          Test connection
        </Button>
      }
    >
      {unsavedChanges && (
        <p className="notice notice-info">Save your changes first: the test uses the saved settings.</p>
      )}
      {result && (
        <div className={`verdict ${result.ok ? 'verdict-ok' : 'verdict-bad'}`} role="status">
          <strong>{VERDICT_HEADLINES[result.verdict]}</strong>
          <p>{result.message}</p>
        </div>
      )}
      <FormError messages={test.error ? [test.error.message] : []} />
      <KeyValues
        items={[
          ['CRM in use', CRM_LABELS[status.crm]],
          status.crm !== 'local' && [
            'Credentials',
            status.configured ? 'Complete' : <Badge tone="warning">Incomplete: fill them in below</Badge>,
          ],
          status.crm !== 'local' && [
            'Health',
            <Badge key="h" tone={health.tone}>
              {health.label}
            </Badge>,
          ],
          status.crm !== 'local' && [
            'Last checked',
            status.checked_at ? (
              <span title={formatDateTime(status.checked_at)}>{formatRelative(status.checked_at)}</span>
            ) : (
              'Never'
            ),
          ],
          status.crm !== 'local' &&
            status.status === 'unhealthy' &&
            !!status.last_error && ['Last problem', status.last_error],
          [
            'Leads',
            <span key="l" className="lead-counts">
              <Link to={`${paths.leads}?state=synced`}>{status.leads.synced} synced</Link>
              <Link to={`${paths.leads}?state=pending`}>{status.leads.pending} pending</Link>
              <Link to={`${paths.leads}?state=failed`} className={status.leads.failed ? 'text-danger' : ''}>
                {status.leads.failed} failed
              </Link>
            </span>,
          ],
        ]}
      />
    </Card>
  );
}
