import type { WhatsAppConfig } from '@parley/shared-types';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { CopyButton } from '../../../components/CopyButton';
import { webhookUrlOf } from '../lib/config-form';
import { SecretValue } from './SecretValue';

/** What to paste into Meta (WhatsApp › Configuration › Webhook) so messages reach Parley. */
export function WebhookCard({
  config,
  revealed,
  onReveal,
  revealing,
}: {
  config: WhatsAppConfig;
  revealed: WhatsAppConfig | null;
  onReveal: () => void;
  revealing: boolean;
}) {
  const { url, derived } = webhookUrlOf(config, window.location.origin);
  const verifyToken = revealed?.webhook_verify_token ?? null;
  return (
    <Card title="Webhook for Meta">
      <ol className="steps">
        <li>
          In Meta&apos;s App Dashboard open <strong>WhatsApp › Configuration</strong> and edit the webhook.
        </li>
        <li>
          <div className="copy-row">
            <span className="copy-label">Callback URL</span>
            <code className="value-code copy-value">{url}</code>
            <CopyButton text={url} label="Copy the callback URL" />
          </div>
          {derived && (
            <p className="field-hint">
              The server has no public address set (<code>PUBLIC_URL</code>), so this one is taken from the
              page you are on.
            </p>
          )}
          {!url.startsWith('https://') && (
            <p className="notice notice-warning">
              Meta delivers only to https addresses with a valid certificate; this address will be refused.
            </p>
          )}
        </li>
        <li>
          <div className="copy-row">
            <span className="copy-label">Verify token</span>
            <SecretValue masked={config.webhook_verify_token} revealed={verifyToken} />
            {verifyToken ? (
              <CopyButton text={verifyToken} label="Copy the verify token" />
            ) : (
              config.webhook_verify_token && (
                <Button size="sm" variant="secondary" onClick={onReveal} loading={revealing}>
                  Reveal to copy
                </Button>
              )
            )}
          </div>
        </li>
        <li>
          Press <strong>Verify and save</strong>, then subscribe the webhook to the <code>messages</code>{' '}
          field.
        </li>
      </ol>
    </Card>
  );
}
