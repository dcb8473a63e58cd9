import { Field } from '../../../components/Field';
import { SelectField } from '../../../components/SelectField';
import { DATA_CENTRE_OPTIONS, dataCentreUrls, type DataCentreChoice } from '../lib/zoho-data-centres';

/**
 * Where the Zoho account lives. A Zoho account belongs to exactly one data centre, whose accounts
 * server issues its tokens and whose API domain serves its data; picking the data centre sets both.
 */
export function DataCentreField({
  choice,
  accountsUrl,
  apiUrl,
  onChoice,
  onAccountsUrl,
  onApiUrl,
  errors,
}: {
  choice: DataCentreChoice;
  accountsUrl: string;
  apiUrl: string;
  onChoice: (choice: DataCentreChoice) => void;
  onAccountsUrl: (value: string) => void;
  onApiUrl: (value: string) => void;
  errors: { accounts?: string; api?: string };
}) {
  const urls = choice === 'custom' ? null : dataCentreUrls(choice);
  return (
    <div className="data-centre">
      <SelectField
        label="Data centre"
        value={choice}
        onChange={(e) => onChoice(e.target.value as DataCentreChoice)}
        options={DATA_CENTRE_OPTIONS}
        hint="The one in your Zoho address: zoho.com, zoho.eu, zoho.in, zoho.com.au, …"
      />
      {urls && (
        <p className="field-hint data-centre-urls" aria-live="polite">
          {urls.accounts_url ? (
            <>
              Tokens from <code>{urls.accounts_url}</code>, data from <code>{urls.api_url}</code>.
            </>
          ) : (
            <>The accounts server set on the Parley server (ZOHO_ACCOUNTS_URL) is used.</>
          )}
        </p>
      )}
      {choice === 'custom' && (
        <div className="form-grid">
          <Field
            label="Accounts server"
            type="url"
            value={accountsUrl}
            onChange={(e) => onAccountsUrl(e.target.value)}
            error={errors.accounts}
            placeholder="https://accounts.zoho.com"
            spellCheck={false}
          />
          <Field
            label="API domain (optional)"
            type="url"
            value={apiUrl}
            onChange={(e) => onApiUrl(e.target.value)}
            error={errors.api}
            placeholder="https://www.zohoapis.com"
            spellCheck={false}
            hint="Empty: the one Zoho names when it issues a token."
          />
        </div>
      )}
    </div>
  );
}
