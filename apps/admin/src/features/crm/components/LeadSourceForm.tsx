import type { CrmStatus } from '@parley/shared-types';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { splitApiError } from '../../../lib/api-errors';
import { useUpdateCrmSettings } from '../api/update-crm-settings';

const MAX = 120;

/** The Lead Source value written on each lead the bot creates in Zoho. */
export function LeadSourceForm({ status }: { status: CrmStatus }) {
  const update = useUpdateCrmSettings();
  const [value, setValue] = useState(status.lead_source ?? '');
  const [error, setError] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const dirty = value.trim() !== (status.lead_source ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOther([]);
    if (value.trim().length > MAX) return setError(`Keep it to ${MAX} characters`);
    setError(null);
    update.mutate(
      { lead_source: value.trim() || null },
      {
        onSuccess: (next) => setValue(next.lead_source ?? ''),
        onError: (e) => {
          const split = splitApiError(e, { lead_source: 'lead_source' } as const);
          setError(split.fields.lead_source ?? null);
          setOther(split.other);
        },
      },
    );
  };

  return (
    <Card title="Lead source">
      <form onSubmit={submit} noValidate aria-label="Lead source" className="inline-form">
        <Field
          label="Lead Source in Zoho"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          error={error}
          maxLength={MAX}
          placeholder="e.g. WhatsApp"
          hint="A value of the Lead Source picklist in your Zoho CRM. Empty: the server's default."
        />
        <Button type="submit" variant="secondary" loading={update.isPending} disabled={!dirty}>
          Save
        </Button>
      </form>
      <FormError messages={other} />
      {update.isSuccess && !dirty && (
        <p className="saved-note" role="status">
          Saved
        </p>
      )}
    </Card>
  );
}
