import { useNavigate } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { useCreateTenant } from '../api/create-tenant';
import { TenantForm } from '../components/TenantForm';
import { emptyTenantForm, toCreateRequest } from '../lib/tenant-form';

export function TenantCreatePage() {
  const navigate = useNavigate();
  const create = useCreateTenant();
  return (
    <>
      <PageHeader
        title="New tenant"
        description="A business with its own WhatsApp number, CRM and assistant. Next, invite its first admin."
      />
      <Card>
        <TenantForm
          mode="create"
          initial={emptyTenantForm()}
          submitLabel="Create tenant"
          onCancel={() => void navigate(paths.tenants)}
          onSubmit={async (values) => {
            const tenant = await create.mutateAsync(toCreateRequest(values));
            void navigate(`${paths.tenant(tenant.id)}?tab=admins&created=1`);
          }}
        />
      </Card>
    </>
  );
}
