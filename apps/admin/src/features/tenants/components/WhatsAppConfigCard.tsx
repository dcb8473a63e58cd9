import { useState } from 'react';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useDeleteTenantWhatsAppConfig } from '../api/delete-tenant-whatsapp-config';
import { useTenantWhatsApp } from '../api/get-tenant-whatsapp-config';

/**
 * The tenant's WhatsApp connection as platform admins see it: secrets only ever masked (revealing
 * is the tenant's own, audited, route). Deleting disconnects the number.
 */
export function WhatsAppConfigCard({ tenantId }: { tenantId: string }) {
  const query = useTenantWhatsApp(tenantId);
  const remove = useDeleteTenantWhatsAppConfig(tenantId);
  const [confirming, setConfirming] = useState(false);
  const missing = query.error instanceof ApiError && query.error.status === 404;

  return (
    <Card
      title="WhatsApp"
      actions={
        query.data && (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
            Delete config
          </Button>
        )
      }
    >
      {query.isPending ? (
        <LoadingState label="Loading the WhatsApp configuration…" />
      ) : missing ? (
        <EmptyState title="No WhatsApp number connected">
          The tenant&apos;s admin connects their number from their own console.
        </EmptyState>
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <dl className="details">
          <Detail label="Phone number">
            {query.data.display_phone_number ?? '—'}{' '}
            <span className="muted">({query.data.phone_number_id})</span>
          </Detail>
          <Detail label="State">
            <Badge tone={query.data.is_active ? 'success' : 'warning'}>
              {query.data.is_active ? 'Active' : 'Inactive'}
            </Badge>{' '}
            <Badge tone={query.data.onboarding_completed ? 'success' : 'info'}>
              {query.data.onboarding_completed ? 'Onboarded' : 'Onboarding'}
            </Badge>
          </Detail>
          <Detail label="WhatsApp Business account">{query.data.waba_id ?? '—'}</Detail>
          <Detail label="Access token">
            <code>{query.data.access_token ?? 'not set'}</code>
          </Detail>
          <Detail label="Token expires">{formatDate(query.data.token_expires_at)}</Detail>
          <Detail label="Meta app">
            {query.data.fb_app_id ?? 'platform app'}
            {query.data.fb_app_secret && (
              <>
                {' '}
                · secret <code>{query.data.fb_app_secret}</code>
              </>
            )}
          </Detail>
          <Detail label="Webhook verify token">
            <code>{query.data.webhook_verify_token ?? 'not set'}</code>
          </Detail>
          <Detail label="Callback address">
            <span className="cell-break">{query.data.callback_url ?? '—'}</span>
          </Detail>
          <Detail label="Phone numbers">{query.data.phone_numbers.length}</Detail>
          <Detail label="Updated">{formatDateTime(query.data.updated_at)}</Detail>
        </dl>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this WhatsApp configuration?"
        confirmLabel="Delete config"
        typedConfirmation={tenantId}
        busy={remove.isPending}
        error={
          remove.error instanceof ApiError ? remove.error.message : remove.error ? 'Could not delete' : null
        }
        onCancel={() => {
          remove.reset();
          setConfirming(false);
        }}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        <p>
          The bot stops answering on this number, and its access token and phone numbers are removed. The
          tenant and its settings stay; its admin can connect a number again.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
