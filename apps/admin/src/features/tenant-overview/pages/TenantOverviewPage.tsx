import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { useCrmStatus } from '../../../api/tenant/get-crm-status';
import { useSettings } from '../../../api/tenant/get-settings';
import { useWhatsAppConfig } from '../../../api/tenant/get-whatsapp-config';
import { Badge } from '../../../components/Badge';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { ProgressBar } from '../../../components/ProgressBar';
import { ErrorState, LoadingState } from '../../../components/States';
import { setupSteps, type StepState } from '../lib/setup-steps';

const STATE_BADGES: Record<StepState, { tone: 'success' | 'warning' | 'neutral'; label: string }> = {
  done: { tone: 'success', label: 'Done' },
  attention: { tone: 'warning', label: 'Needs attention' },
  todo: { tone: 'neutral', label: 'To do' },
};

export function TenantOverviewPage() {
  const settings = useSettings();
  const config = useWhatsAppConfig();
  const crm = useCrmStatus();
  const queries = [settings, config, crm];
  const failed = queries.find((q) => q.isError);

  return (
    <>
      <PageHeader
        title="Overview"
        description={settings.data ? `Your WhatsApp assistant for ${settings.data.name}.` : undefined}
      />
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => queries.forEach((q) => void q.refetch())} />
      ) : settings.data && config.data !== undefined && crm.data ? (
        <Progress steps={setupSteps(settings.data, config.data, crm.data)} leads={crm.data.leads} />
      ) : (
        <LoadingState label="Checking your setup…" />
      )}
    </>
  );
}

function Progress({
  steps,
  leads,
}: {
  steps: ReturnType<typeof setupSteps>;
  leads: { pending: number; synced: number; failed: number };
}) {
  const done = steps.filter((s) => s.state === 'done').length;
  return (
    <div className="two-column">
      <Card title="Setup">
        <p className="setup-summary">
          {done === steps.length ? 'Everything is set up.' : `${done} of ${steps.length} steps done`}
        </p>
        <ProgressBar value={done} max={steps.length} label="Setup progress" />
        <ol className="setup-steps">
          {steps.map((step) => (
            <li key={step.id} className={`setup-step setup-step-${step.state}`}>
              <span className="setup-mark" aria-hidden="true">
                {step.state === 'done' ? '✓' : step.state === 'attention' ? '!' : ''}
              </span>
              <div className="setup-text">
                <div className="setup-title">
                  <strong>{step.title}</strong>
                  <Badge tone={STATE_BADGES[step.state].tone}>{STATE_BADGES[step.state].label}</Badge>
                </div>
                <p>{step.detail}</p>
              </div>
              <Link
                className="btn btn-secondary btn-sm"
                to={step.to}
                aria-label={`${step.action}: ${step.title}`}
              >
                {step.action}
              </Link>
            </li>
          ))}
        </ol>
      </Card>
      <Card title="Leads">
        <dl className="lead-tiles">
          <LeadTile label="Synced" value={leads.synced} to={`${paths.leads}?state=synced`} />
          <LeadTile
            label="Pending"
            value={leads.pending}
            to={`${paths.leads}?state=pending`}
            tone={leads.pending ? 'warning' : undefined}
          />
          <LeadTile
            label="Failed"
            value={leads.failed}
            to={`${paths.leads}?state=failed`}
            tone={leads.failed ? 'danger' : undefined}
          />
        </dl>
        {leads.failed > 0 ? (
          <p className="notice notice-warning">
            {leads.failed === 1 ? 'One lead' : `${leads.failed} leads`} could not be written to your CRM.{' '}
            <Link to={`${paths.leads}?state=failed`}>See why and retry</Link>
          </p>
        ) : (
          <p className="muted">
            Pending leads are retried automatically. <Link to={paths.leads}>All leads</Link>
          </p>
        )}
      </Card>
    </div>
  );
}

function LeadTile({
  label,
  value,
  to,
  tone,
}: {
  label: string;
  value: number;
  to: string;
  tone?: 'warning' | 'danger';
}) {
  return (
    <div className={`lead-tile ${tone ? `lead-tile-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>
        <Link to={to} aria-label={`${value} ${label.toLowerCase()} leads`}>
          {value}
        </Link>
      </dd>
    </div>
  );
}
