import type { WhatsAppConfig } from '@parley/shared-types';
import { useState } from 'react';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormError } from '../../../components/FormError';
import { KeyValues, OrNotSet } from '../../../components/KeyValues';
import { formatDateTime } from '../../../lib/format';
import { useSetConfigActive } from '../api/set-config-active';

const numberOf = (config: WhatsAppConfig) => config.display_phone_number ?? config.phone_number_id;

/** The connected number, whether the bot answers on it, and the switch to pause or resume it. */
export function NumberCard({ config, onEdit }: { config: WhatsAppConfig; onEdit: () => void }) {
  const setActive = useSetConfigActive();
  const [confirmPause, setConfirmPause] = useState(false);
  const error = setActive.error ? [setActive.error.message] : [];

  return (
    <Card
      title="Number"
      actions={
        <>
          {config.is_active ? (
            <Button variant="secondary" size="sm" onClick={() => setConfirmPause(true)}>
              Pause bot
            </Button>
          ) : (
            <Button size="sm" loading={setActive.isPending} onClick={() => setActive.mutate(true)}>
              Resume bot
            </Button>
          )}
          <Button variant="secondary" size="sm" onClick={onEdit}>
            Edit
          </Button>
        </>
      }
    >
      {!confirmPause && <FormError messages={error} />}
      <KeyValues
        items={[
          [
            'Status',
            config.is_active ? (
              <Badge tone="success">Active: the bot answers</Badge>
            ) : (
              <Badge tone="warning">Paused: messages are not answered</Badge>
            ),
          ],
          ['Phone number', <OrNotSet key="n" value={config.display_phone_number} />],
          ['Phone number id', <code key="p">{config.phone_number_id}</code>],
          ['WhatsApp Business Account id', <OrNotSet key="w" value={config.waba_id} code />],
          ['Meta business id', <OrNotSet key="b" value={config.business_id} code />],
          [
            'Onboarding',
            config.onboarding_completed ? (
              <>Completed {formatDateTime(config.onboarding_completed_at)}</>
            ) : (
              <Badge tone="warning">Not completed</Badge>
            ),
          ],
          config.phone_numbers.length > 1 && [
            'Other numbers',
            config.phone_numbers
              .filter((p) => !p.is_primary)
              .map((p) => p.display_phone_number ?? p.phone_number_id)
              .join(', '),
          ],
        ]}
      />
      <ConfirmDialog
        open={confirmPause}
        title="Pause the bot on this number?"
        confirmLabel="Pause bot"
        busy={setActive.isPending}
        error={setActive.error?.message}
        onCancel={() => {
          setConfirmPause(false);
          setActive.reset();
        }}
        onConfirm={() => setActive.mutate(false, { onSuccess: () => setConfirmPause(false) })}
      >
        While paused, messages to {numberOf(config)} get no answer and Parley sends nothing from it. The
        configuration is kept; you can resume at any time.
      </ConfirmDialog>
    </Card>
  );
}
