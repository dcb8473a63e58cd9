import type { CredentialHealth, CredentialKind, CrmKind } from '@parley/shared-types';
import { Badge } from '../../../components/Badge';
import { Card } from '../../../components/Card';
import { QueryView } from '../../../components/States';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useTenantHealth } from '../api/get-tenant-health';
import { HEALTH_TEXT } from '../lib/labels';

const CREDENTIAL_LABELS: Record<CredentialKind, string> = {
  whatsapp: 'WhatsApp access token',
  waba_subscription: 'WhatsApp webhook subscription',
  zoho: 'Zoho CRM',
  hubspot: 'HubSpot',
};

/** The other CRM's credential means nothing to this tenant unless it was checked once. */
const relevant = (c: CredentialHealth, crm: CrmKind) =>
  (c.credential !== 'zoho' && c.credential !== 'hubspot') || c.credential === crm || c.checked_at !== null;

/** The tenant's credential health: overall, then each credential's last check and error. */
export function TenantHealthCard({ tenantId, crm }: { tenantId: string; crm: CrmKind }) {
  const health = useTenantHealth(tenantId);
  return (
    <Card
      title="Health"
      actions={
        health.data && (
          <Badge tone={HEALTH_TEXT[health.data.overall].tone}>{HEALTH_TEXT[health.data.overall].label}</Badge>
        )
      }
    >
      <QueryView query={health} loadingLabel="Loading health…">
        {(data) => (
          <dl className="details" aria-label="Credential health">
            {data.credentials
              .filter((c) => relevant(c, crm))
              .map((c) => (
                <div className="detail" key={c.credential}>
                  <dt>{CREDENTIAL_LABELS[c.credential]}</dt>
                  <dd>
                    <Badge tone={HEALTH_TEXT[c.status].tone}>{HEALTH_TEXT[c.status].label}</Badge>
                    {c.checked_at && (
                      <span className="cell-sub" title={formatDateTime(c.checked_at)}>
                        {' '}
                        checked {formatRelative(c.checked_at)}
                      </span>
                    )}
                    {c.expires_at && <div className="cell-sub">Expires {formatDateTime(c.expires_at)}</div>}
                    {c.last_error && <div className="cell-sub cell-break">{c.last_error}</div>}
                  </dd>
                </div>
              ))}
          </dl>
        )}
      </QueryView>
    </Card>
  );
}
