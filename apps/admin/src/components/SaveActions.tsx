import { Button } from './Button';
import { FormError } from './FormError';

/** A settings form's foot: its problems, "Saved" once saved, Undo changes and Save. */
export function SaveActions({
  form: { formErrors, dirty, saving, savedOnce, undo },
  saveLabel = 'Save',
}: {
  /** What useSettingsForm returns. */
  form: {
    formErrors: readonly string[];
    dirty: boolean;
    saving: boolean;
    savedOnce: boolean;
    undo: () => void;
  };
  saveLabel?: string;
}) {
  return (
    <>
      <FormError messages={formErrors} />
      <div className="form-actions">
        {savedOnce && !dirty && (
          <span className="saved-note" role="status">
            Saved
          </span>
        )}
        <Button variant="secondary" onClick={undo} disabled={!dirty || saving}>
          Undo changes
        </Button>
        <Button type="submit" loading={saving} disabled={!dirty}>
          {saveLabel}
        </Button>
      </div>
    </>
  );
}
