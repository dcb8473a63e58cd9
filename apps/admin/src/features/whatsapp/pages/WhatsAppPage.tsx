import type { WhatsAppConfig } from '@parley/shared-types';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { useWhatsAppConfig } from '../../../api/tenant/get-whatsapp-config';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/States';
import { useRevealConfig } from '../api/reveal-config';
import { CredentialHealthCard } from '../components/CredentialHealthCard';
import { CredentialsCard } from '../components/CredentialsCard';
import { EditConfigForm } from '../components/EditConfigForm';
import { ManualSetupForm } from '../components/ManualSetupForm';
import { NumberCard } from '../components/NumberCard';
import { RemoveConfigCard } from '../components/RemoveConfigCard';
import { WebhookCard } from '../components/WebhookCard';

/** Revealed secrets are hidden again after this long, so they do not stay on an unattended screen. */
const REVEAL_FOR_MS = 2 * 60 * 1000;

export function WhatsAppPage() {
  const config = useWhatsAppConfig();
  return (
    <>
      <PageHeader title="WhatsApp" description="Your WhatsApp Business number and how Meta reaches Parley." />
      <QueryView query={config} loadingLabel="Loading the WhatsApp configuration…">
        {(found) => (found ? <Connected config={found} /> : <NotConnected />)}
      </QueryView>
    </>
  );
}

function NotConnected() {
  return (
    <>
      <Card title="Connect your WhatsApp number">
        <p className="muted">No number is connected yet, so the bot cannot answer anyone.</p>
        <Link className="btn btn-primary" to={paths.onboarding}>
          Connect with Facebook
        </Link>
      </Card>
      <Card title="Set up manually">
        <ManualSetupForm />
      </Card>
    </>
  );
}

function Connected({ config }: { config: WhatsAppConfig }) {
  const [editing, setEditing] = useState(false);
  const [askReveal, setAskReveal] = useState(false);
  const reveal = useRevealConfig();
  const { reset } = reveal;
  // A revealed copy older than the config on screen would show stale secrets.
  const revealed = reveal.data && reveal.data.updated_at === config.updated_at ? reveal.data : null;

  useEffect(() => {
    if (!reveal.data) return;
    const timer = setTimeout(reset, REVEAL_FOR_MS);
    return () => clearTimeout(timer);
  }, [reveal.data, reset]);

  const requestReveal = () => setAskReveal(true);

  return (
    <>
      {editing ? (
        <Card title="Edit configuration">
          <EditConfigForm
            config={config}
            onDone={() => {
              setEditing(false);
              reset();
            }}
          />
        </Card>
      ) : (
        <>
          <NumberCard config={config} onEdit={() => setEditing(true)} />
          <CredentialsCard
            config={config}
            revealed={revealed}
            onReveal={requestReveal}
            onHide={reset}
            revealing={reveal.isPending}
          />
          <CredentialHealthCard />
        </>
      )}
      <WebhookCard
        config={config}
        revealed={revealed}
        onReveal={requestReveal}
        revealing={reveal.isPending}
      />
      {!editing && <RemoveConfigCard config={config} />}
      <ConfirmDialog
        open={askReveal}
        title="Reveal the secrets?"
        confirmLabel="Reveal"
        danger={false}
        busy={reveal.isPending}
        error={reveal.error?.message}
        onCancel={() => {
          setAskReveal(false);
          reset();
        }}
        onConfirm={() => reveal.mutate(undefined, { onSuccess: () => setAskReveal(false) })}
      >
        The access token, app secret and verify token are shown in full for two minutes. Anyone who can see
        your screen can use them, and the reveal is recorded in the audit log with your name.
      </ConfirmDialog>
    </>
  );
}
