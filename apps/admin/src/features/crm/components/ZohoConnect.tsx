import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { useZohoAuthorizeUrl } from '../api/zoho-authorize-url';

/**
 * "Connect with Zoho": the tenant signs in at Zoho's accounts server of the saved data centre and
 * consents; Zoho sends them back to Parley, which keeps the refresh token (no pasting).
 */
export function ZohoConnect({ unsaved, connected }: { unsaved: boolean; connected: boolean }) {
  const authorize = useZohoAuthorizeUrl();
  const go = () => authorize.mutate(undefined, { onSuccess: (url) => window.location.assign(url) });
  return (
    <div className="zoho-connect">
      <p className="muted">
        {connected
          ? 'Zoho is connected. Connect again to use another Zoho account or to renew the access.'
          : 'Sign in to Zoho and allow Parley to create and find leads. You come back here afterwards.'}
      </p>
      <Button
        variant={connected ? 'secondary' : 'primary'}
        onClick={go}
        loading={authorize.isPending}
        disabled={unsaved}
      >
        {connected ? 'Connect Zoho again' : 'Connect with Zoho'}
      </Button>
      {unsaved && (
        <p className="field-hint">Save your changes first: Zoho is reached through the saved data centre.</p>
      )}
      <FormError messages={authorize.error ? [authorize.error.message] : []} />
    </div>
  );
}
