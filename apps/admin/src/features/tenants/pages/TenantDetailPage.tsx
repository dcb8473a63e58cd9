import type { TenantResponse } from '@parley/shared-types';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { Tabs } from '../../../components/Tabs';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useDeleteTenant } from '../api/delete-tenant';
import { useTenant } from '../api/get-tenant';
import { useUpdateTenant } from '../api/update-tenant';
import { RecentConversationsCard } from '../components/RecentConversationsCard';
import { TenantAdminsCard } from '../components/TenantAdminsCard';
import { TenantForm } from '../components/TenantForm';
import { TenantHealthCard } from '../components/TenantHealthCard';
import { WhatsAppConfigCard } from '../components/WhatsAppConfigCard';
import { CRM_LABELS, LLM_LABELS } from '../lib/labels';
import { tenantFormFrom, toTenantRequest } from '../lib/tenant-form';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'settings', label: 'Settings' },
  { id: 'admins', label: 'Admins' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function TenantDetailPage() {
  const { id = '' } = useParams();
  const tenant = useTenant(id);

  if (tenant.isPending) return <LoadingState label="Loading the tenant…" />;
  if (tenant.isError) {
    if (tenant.error instanceof ApiError && tenant.error.status === 404) {
      return (
        <EmptyState
          title="There is no such tenant"
          action={<Link to={paths.tenants}>Back to the tenants</Link>}
        >
          No tenant has the id <code>{id}</code>; it may have been deleted.
        </EmptyState>
      );
    }
    return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  }
  return <TenantDetail tenant={tenant.data} />;
}

function TenantDetail({ tenant }: { tenant: TenantResponse }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const tab: TabId = TABS.some((t) => t.id === params.get('tab')) ? (params.get('tab') as TabId) : 'overview';
  const update = useUpdateTenant(tenant.id);
  const remove = useDeleteTenant(tenant.id);
  const [confirm, setConfirm] = useState<'status' | 'delete' | null>(null);
  const suspended = tenant.status === 'suspended';

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={paths.tenants}>Tenants</Link> <span aria-hidden="true">/</span> <span>{tenant.name}</span>
      </nav>
      <PageHeader
        title={tenant.name}
        description={
          <>
            <code>{tenant.id}</code>{' '}
            <Badge tone={suspended ? 'warning' : 'success'}>{suspended ? 'Suspended' : 'Active'}</Badge>
          </>
        }
        actions={
          <>
            <Button variant="secondary" onClick={() => setConfirm('status')}>
              {suspended ? 'Activate' : 'Suspend'}
            </Button>
            <Button variant="danger" onClick={() => setConfirm('delete')}>
              Delete tenant
            </Button>
          </>
        }
      />
      <Tabs
        tabs={TABS}
        selected={tab}
        label="Tenant sections"
        onSelect={(next) =>
          setParams((current) => {
            const out = new URLSearchParams(current);
            out.set('tab', next);
            out.delete('created');
            return out;
          })
        }
      />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'overview' && <Overview tenant={tenant} />}
        {tab === 'settings' && (
          <Card>
            <TenantForm
              mode="edit"
              tenant={tenant}
              initial={tenantFormFrom(tenant)}
              submitLabel="Save changes"
              onSubmit={(values) => update.mutateAsync(toTenantRequest(values))}
            />
          </Card>
        )}
        {tab === 'admins' && (
          <TenantAdminsCard tenantId={tenant.id} highlightInvite={params.get('created') === '1'} />
        )}
      </div>

      <ConfirmDialog
        open={confirm === 'status'}
        title={suspended ? `Activate ${tenant.name}?` : `Suspend ${tenant.name}?`}
        confirmLabel={suspended ? 'Activate' : 'Suspend'}
        danger={!suspended}
        busy={update.isPending}
        error={update.error instanceof ApiError ? update.error.message : null}
        onCancel={() => {
          update.reset();
          setConfirm(null);
        }}
        onConfirm={() =>
          update.mutate({ status: suspended ? 'active' : 'suspended' }, { onSuccess: () => setConfirm(null) })
        }
      >
        <p>
          {suspended
            ? 'The tenant becomes active again.'
            : 'The tenant is suspended: its data and settings stay, and it can be activated again.'}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'delete'}
        title={`Delete ${tenant.name}?`}
        confirmLabel="Delete tenant"
        typedConfirmation={tenant.id}
        busy={remove.isPending}
        error={remove.error instanceof ApiError ? remove.error.message : null}
        onCancel={() => {
          remove.reset();
          setConfirm(null);
        }}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => void navigate(paths.tenants) })}
      >
        <p>
          This deletes the tenant for good with everything it owns: admins, WhatsApp configuration and phone
          numbers, CRM credentials and settings. The audit log keeps a masked record.
        </p>
      </ConfirmDialog>
    </>
  );
}

function Overview({ tenant }: { tenant: TenantResponse }) {
  return (
    <div className="detail-grid">
      <Card title="Profile">
        <dl className="details">
          <div className="detail">
            <dt>CRM</dt>
            <dd>{CRM_LABELS[tenant.crm]}</dd>
          </div>
          <div className="detail">
            <dt>Assistant</dt>
            <dd>
              {LLM_LABELS[tenant.llm.provider]}
              {tenant.llm.model ? ` · ${tenant.llm.model}` : ' · default model'}
            </dd>
          </div>
          <div className="detail">
            <dt>Default country</dt>
            <dd>{tenant.default_country ?? '—'}</dd>
          </div>
          <div className="detail">
            <dt>Welcome message</dt>
            <dd className="cell-break">
              {tenant.branding.welcome_message ?? <span className="muted">None</span>}
            </dd>
          </div>
          <div className="detail">
            <dt>Created</dt>
            <dd>{formatDateTime(tenant.created_at)}</dd>
          </div>
          <div className="detail">
            <dt>Updated</dt>
            <dd>{formatDateTime(tenant.updated_at)}</dd>
          </div>
        </dl>
      </Card>
      <WhatsAppConfigCard tenantId={tenant.id} />
      <TenantHealthCard tenantId={tenant.id} crm={tenant.crm} />
      <RecentConversationsCard tenantId={tenant.id} />
    </div>
  );
}
