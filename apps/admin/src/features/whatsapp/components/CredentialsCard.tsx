import type { WhatsAppConfig } from '@parley/shared-types';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { KeyValues, OrNotSet } from '../../../components/KeyValues';
import { formatDate, formatRelative } from '../../../lib/format';
import { tokenExpiryState } from '../lib/config-form';
import { SecretValue } from './SecretValue';

/** The access token and app credentials, masked unless revealed. */
export function CredentialsCard({
  config,
  revealed,
  onReveal,
  onHide,
  revealing,
}: {
  config: WhatsAppConfig;
  revealed: WhatsAppConfig | null;
  onReveal: () => void;
  onHide: () => void;
  revealing: boolean;
}) {
  return (
    <Card
      title="Credentials"
      actions={
        revealed ? (
          <Button variant="secondary" size="sm" onClick={onHide}>
            Hide secrets
          </Button>
        ) : (
          <Button variant="secondary" size="sm" onClick={onReveal} loading={revealing}>
            Reveal secrets
          </Button>
        )
      }
    >
      <KeyValues
        items={[
          [
            'Access token',
            <SecretValue key="t" masked={config.access_token} revealed={revealed?.access_token} />,
          ],
          ['Token expiry', <TokenExpiry key="e" expiresAt={config.token_expires_at} />],
          [
            'Meta app',
            config.fb_app_id ? (
              <OrNotSet key="a" value={config.fb_app_id} code />
            ) : (
              // The API falls back to the platform's app (FB_APP_ID) for a number without its own.
              <span key="a" className="muted">
                Parley's own Meta app
              </span>
            ),
          ],
          ...(config.fb_app_id || config.fb_app_secret
            ? [
                [
                  'Meta app secret',
                  <SecretValue key="s" masked={config.fb_app_secret} revealed={revealed?.fb_app_secret} />,
                ] as const,
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function TokenExpiry({ expiresAt }: { expiresAt: string | null }) {
  if (!expiresAt) return <>Does not expire</>;
  const state = tokenExpiryState(expiresAt);
  if (state === 'expired')
    return <Badge tone="danger">Expired {formatRelative(expiresAt)}: replace the token</Badge>;
  return (
    <>
      {formatDate(expiresAt)}{' '}
      {state === 'soon' && <Badge tone="warning">Expires {formatRelative(expiresAt)}</Badge>}
    </>
  );
}
