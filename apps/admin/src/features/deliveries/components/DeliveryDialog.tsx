import { useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog } from '../../../components/Dialog';
import { QueryView } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { useDiscardDelivery } from '../api/discard-delivery';
import { useDelivery } from '../api/get-delivery';
import { useReplayDelivery } from '../api/replay-delivery';
import type { DeliveryKind } from '../lib/kinds';
import { maskPayload } from '../lib/mask-payload';

export interface DeliveryText {
  /** "webhook", "job". */
  noun: string;
  replayHelp: string;
  discardHelp: string;
}

/** One line of the dialog's facts: a label and what to show for it. */
export interface DeliveryFact {
  label: string;
  value: ReactNode;
  /** Long unbroken text (error messages) may wrap anywhere. */
  breakAnywhere?: boolean;
}

/**
 * One unrouted webhook or dead letter: its facts, its payload (masked), and replay or discard,
 * each behind a question. Closes itself once either succeeds.
 */
export function DeliveryDialog<T extends { id: string; payload?: unknown }>({
  kind,
  id,
  title,
  text,
  facts,
  onClose,
}: {
  kind: DeliveryKind;
  id: string | null;
  title: string;
  text: DeliveryText;
  facts: (item: T) => DeliveryFact[];
  onClose: () => void;
}) {
  const item = useDelivery<T>(kind, id);
  const replay = useReplayDelivery(kind);
  const discard = useDiscardDelivery(kind);
  const [asking, setAsking] = useState<'replay' | 'discard' | null>(null);
  const mutation = asking === 'discard' ? discard : replay;
  const close = () => {
    replay.reset();
    discard.reset();
    setAsking(null);
    onClose();
  };

  return (
    <Dialog open={id !== null} title={title} onClose={close} wide busy={mutation.isPending}>
      <QueryView query={item} loadingLabel={`Loading the ${text.noun}…`}>
        {(data) => (
          <>
            <dl className="details details-compact">
              {facts(data).map((fact) => (
                <div className="detail" key={fact.label}>
                  <dt>{fact.label}</dt>
                  <dd className={fact.breakAnywhere ? 'cell-break' : undefined}>{fact.value}</dd>
                </div>
              ))}
            </dl>
            <h3 className="subheading">Payload</h3>
            <pre className="payload" aria-label="Payload">
              {data.payload === undefined
                ? '(none stored)'
                : JSON.stringify(maskPayload(data.payload), null, 2)}
            </pre>
            <div className="dialog-actions">
              <Button variant="danger" onClick={() => setAsking('discard')}>
                Discard
              </Button>
              <Button onClick={() => setAsking('replay')}>Replay</Button>
            </div>
          </>
        )}
      </QueryView>
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'discard' ? `Discard this ${text.noun}?` : `Replay this ${text.noun}?`}
        confirmLabel={asking === 'discard' ? 'Discard' : 'Replay'}
        danger={asking === 'discard'}
        busy={mutation.isPending}
        error={
          mutation.error instanceof ApiError
            ? mutation.error.message
            : mutation.error
              ? 'Failed; try again'
              : null
        }
        onCancel={() => {
          mutation.reset();
          setAsking(null);
        }}
        onConfirm={() => id && mutation.mutate(id, { onSuccess: close })}
      >
        <p>{asking === 'discard' ? text.discardHelp : text.replayHelp}</p>
      </ConfirmDialog>
    </Dialog>
  );
}
