import { BULK_ACTIONS, bulkDeleteConfirmation, type BulkAction } from '@parley/shared-types';
import { useState } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ApiError } from '../../../lib/api-client';
import { plural } from '../../../lib/format';
import { BULK_ACTION_TEXT, bulkPhrase } from '../lib/labels';

/**
 * What to do with the selected tenants. Every action asks first; delete asks for a typed phrase
 * that names the count, the same phrase the API checks.
 */
export function BulkActionBar({
  count,
  matchingAll,
  onStart,
  onClear,
}: {
  count: number;
  matchingAll: boolean;
  /** Starts the operation; rejects with the API's error, which the dialog then shows. */
  onStart: (action: BulkAction, confirmation?: string) => Promise<unknown>;
  onClear: () => void;
}) {
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ask = (action: BulkAction | null) => {
    setError(null);
    setAsking(action);
  };
  const tenants = plural(count, 'tenant');
  const phrase = bulkDeleteConfirmation(count);
  const text = asking ? BULK_ACTION_TEXT[asking] : null;

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <span className="bulk-count">
        <strong>{tenants}</strong> selected{matchingAll ? ' (every tenant matching the filters)' : ''}
      </span>
      <div className="bulk-actions">
        {BULK_ACTIONS.map((action) => (
          <Button
            key={action}
            size="sm"
            variant={BULK_ACTION_TEXT[action].danger ? 'danger' : 'secondary'}
            onClick={() => ask(action)}
          >
            {BULK_ACTION_TEXT[action].verb}
          </Button>
        ))}
        <Button size="sm" variant="ghost" onClick={onClear}>
          Clear selection
        </Button>
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={asking ? `${bulkPhrase(asking, tenants)}?` : ''}
        confirmLabel={asking ? bulkPhrase(asking, tenants) : ''}
        danger={text?.danger ?? false}
        typedConfirmation={asking === 'delete' ? phrase : undefined}
        busy={starting}
        error={error}
        onCancel={() => ask(null)}
        onConfirm={() => {
          if (!asking) return;
          setStarting(true);
          onStart(asking, asking === 'delete' ? phrase : undefined)
            .then(() => ask(null))
            .catch((e: unknown) =>
              setError(e instanceof ApiError ? e.message : 'Could not start the operation; try again'),
            )
            .finally(() => setStarting(false));
        }}
      >
        {asking === 'delete' ? (
          <>
            <p>
              This deletes {tenants} for good, with everything they own: their admins, WhatsApp configuration
              and phone numbers, CRM credentials and settings.
            </p>
            <p>The audit log keeps a masked record of each. This cannot be undone.</p>
          </>
        ) : asking === 'health_check' ? (
          <p>
            Checks each tenant&apos;s WhatsApp and CRM credentials now and updates its health. Nothing is
            changed; tenants whose check finds a problem are listed as failed, with what is wrong.
          </p>
        ) : asking === 'recrawl_knowledge' ? (
          <p>
            Re-reads every knowledge source of each tenant, so the assistant answers from the current pages.
            Tenants without knowledge sources are skipped.
          </p>
        ) : asking === 'deactivate' ? (
          <p>
            Suspended tenants keep their data and settings; their admins can still sign in. You can activate
            them again at any time.
          </p>
        ) : (
          <p>The selected tenants become active. Tenants already active are left as they are.</p>
        )}
        <p className="muted">It runs in the background; you can follow each tenant&apos;s result here.</p>
      </ConfirmDialog>
    </div>
  );
}
