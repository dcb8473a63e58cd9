import type { CredentialHealth, CredentialKind, CredentialStatus } from '@parley/shared-types';
import { Badge, type Tone } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { FormError } from '../../../components/FormError';
import { EmptyState, QueryView } from '../../../components/States';
import { formatDate, formatDateTime, formatRelative } from '../../../lib/format';
import { useCheckHealth, useHealth } from '../api/get-health';

const KIND_LABELS: Record<CredentialKind, string> = {
  whatsapp: 'WhatsApp access token',
  waba_subscription: 'Message subscription (webhooks)',
  zoho: 'Zoho CRM connection',
  hubspot: 'HubSpot token',
};
const STATUS: Record<CredentialStatus, { tone: Tone; label: string }> = {
  ok: { tone: 'success', label: 'Working' },
  expiring: { tone: 'warning', label: 'Expires soon' },
  invalid: { tone: 'danger', label: 'Not working' },
  unknown: { tone: 'neutral', label: 'Not checked yet' },
};

/** Whether Meta (and the CRM) still accept the stored credentials, as last checked; and a check now. */
export function CredentialHealthCard() {
  const health = useHealth();
  const check = useCheckHealth();
  return (
    <Card
      title="Credential health"
      actions={
        <Button variant="secondary" size="sm" loading={check.isPending} onClick={() => check.mutate()}>
          Check now
        </Button>
      }
    >
      <FormError messages={check.error ? [check.error.message] : []} />
      <QueryView query={health} loadingLabel="Loading the last checks…">
        {(found) =>
          found.credentials.length === 0 ? (
            <EmptyState title="Not checked yet">
              Press “Check now” to ask Meta whether the token works.
            </EmptyState>
          ) : (
            <ul className="health-list">
              {found.credentials.map((c) => (
                <HealthRow key={c.credential} health={c} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </Card>
  );
}

function HealthRow({ health }: { health: CredentialHealth }) {
  const status = STATUS[health.status];
  return (
    <li className="health-row">
      <span className="health-name">{KIND_LABELS[health.credential]}</span>
      <Badge tone={status.tone}>{status.label}</Badge>
      <span className="muted health-when" title={formatDateTime(health.checked_at)}>
        {health.checked_at ? `checked ${formatRelative(health.checked_at)}` : 'never checked'}
        {health.expires_at && ` · expires ${formatDate(health.expires_at)}`}
      </span>
      {health.last_error && <span className="health-error">{health.last_error}</span>}
    </li>
  );
}
