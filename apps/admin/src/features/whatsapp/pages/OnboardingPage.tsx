import type { OnboardConfig } from '@parley/shared-types';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/States';
import { useOnboardConfig } from '../api/get-onboard-config';
import { ConnectWithFacebook } from '../components/ConnectWithFacebook';
import { ManualSetupForm } from '../components/ManualSetupForm';
import { PreflightList } from '../components/PreflightList';

export function OnboardingPage() {
  const config = useOnboardConfig();
  return (
    <>
      <PageHeader
        title="Connect WhatsApp"
        description="Connect your WhatsApp Business number through Facebook in a few clicks, or by hand."
      />
      <QueryView query={config} loadingLabel="Loading what signup needs…">
        {(found) => <Onboarding config={found} />}
      </QueryView>
    </>
  );
}

function Onboarding({ config }: { config: OnboardConfig }) {
  return (
    <>
      {config.connected && (
        <p className="notice notice-success" role="status">
          Connected: {config.connected.display_phone_number ?? config.connected.phone_number_id}
          {config.connected.verified_name && <> ({config.connected.verified_name})</>}. See{' '}
          <Link to={paths.whatsapp}>WhatsApp</Link> for its settings; connecting again replaces it.
        </p>
      )}
      <Card title="Before you connect">
        <PreflightList items={config.preflight} />
      </Card>
      <Card title="Connect with Facebook">
        <p className="muted form-intro">
          Facebook opens a window where you sign in, choose or create your WhatsApp Business Account and
          verify your number. Parley then connects it; you see each step below.
        </p>
        <ConnectWithFacebook config={config} />
      </Card>
      {!config.connected && (
        <Card title="Or connect by hand">
          <ManualSetupForm />
        </Card>
      )}
    </>
  );
}
