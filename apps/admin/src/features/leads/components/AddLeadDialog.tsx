import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { useValidatedForm } from '../../../lib/use-validated-form';
import { useCreateLead } from '../api/create-lead';
import { emptyLeadForm, leadRequest, validateLeadForm } from '../lib/lead-form';

const API_FIELDS = {
  name: 'name',
  first_name: 'name',
  phone: 'phone',
  email: 'email',
  source: 'source',
} as const;

/** A lead added by hand (met at a fair, called in); it goes to the CRM like the bot's leads. */
export function AddLeadDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateLead();
  const { bind, formErrors, submitWith, showApiError, reset } = useValidatedForm(emptyLeadForm, {
    validate: validateLeadForm,
    apiFields: API_FIELDS,
  });

  const close = () => {
    reset();
    create.reset();
    onClose();
  };
  const submit = submitWith((v) =>
    create.mutate(leadRequest(v), { onSuccess: close, onError: showApiError }),
  );

  return (
    <Dialog open={open} title="Add a lead" onClose={close} busy={create.isPending}>
      <form onSubmit={submit} noValidate aria-label="Add a lead">
        <Field
          label="Name"
          {...bind('name')}
          autoComplete="off"
          autoFocus
          hint="Full name; it is split into first and last name as the bot would."
        />
        <Field
          label="Phone"
          type="tel"
          {...bind('phone')}
          autoComplete="off"
          placeholder="+91 98765 43210"
          hint="With the country code, or a national number of your default country."
        />
        <Field label="Email (optional)" type="email" {...bind('email')} autoComplete="off" />
        <Field
          label="Source (optional)"
          {...bind('source')}
          placeholder="e.g. Trade show"
          hint="Empty: your CRM lead source."
        />
        <FormError messages={formErrors} />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add lead
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
