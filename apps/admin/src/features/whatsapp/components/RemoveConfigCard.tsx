import type { WhatsAppConfig } from '@parley/shared-types';
import { useState } from 'react';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useDeleteConfig } from '../api/delete-config';

/** Disconnecting the number: the configuration and its secrets are deleted. */
export function RemoveConfigCard({ config }: { config: WhatsAppConfig }) {
  const remove = useDeleteConfig();
  const [open, setOpen] = useState(false);
  const number = config.display_phone_number ?? config.phone_number_id;
  return (
    <Card title="Disconnect" className="danger-zone-card">
      <p className="muted">
        Deletes this WhatsApp configuration and its stored token. The bot stops answering {number} until a
        number is connected again. Leads and the audit log are kept.
      </p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Disconnect number
      </Button>
      <ConfirmDialog
        open={open}
        title={`Disconnect ${number}?`}
        confirmLabel="Disconnect"
        typedConfirmation={config.phone_number_id}
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={() => {
          setOpen(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setOpen(false) })}
      >
        The configuration and its token are deleted; this cannot be undone. To confirm, type the phone number
        id.
      </ConfirmDialog>
    </Card>
  );
}
