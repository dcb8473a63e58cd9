import { useId, useState, type ReactNode } from 'react';
import { Button } from './Button';

/**
 * A write-only secret. The box starts empty whatever is stored: the API only ever shows a masked
 * value (`***` + last 4), which is displayed beside the box and never put into it. `value` is what
 * the admin typed: '' keeps the stored secret, text replaces it, null (when `removable`) removes it.
 */
export function SecretInput({
  label,
  masked,
  value,
  onChange,
  removable = false,
  error,
  hint,
  placeholder,
  showStored = true,
}: {
  label: string;
  /** The stored secret as the API shows it, or null when none is stored. */
  masked: string | null;
  value: string | null;
  onChange: (value: string | null) => void;
  removable?: boolean;
  error?: string | null;
  hint?: ReactNode;
  placeholder?: string;
  /** Whether to say what is stored (off where nothing can be stored yet, e.g. a first setup). */
  showStored?: boolean;
}) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const removing = value === null;
  const describedBy = [
    error ? `${id}-error` : null,
    showStored ? `${id}-state` : null,
    hint ? `${id}-hint` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={['field', 'secret-input', error ? 'field-invalid' : ''].join(' ')}>
      <label htmlFor={id}>{label}</label>
      <div className="secret-input-row">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          value={value ?? ''}
          disabled={removing}
          placeholder={
            removing
              ? 'Will be removed when you save'
              : (placeholder ?? (masked ? 'Empty keeps the stored one' : ''))
          }
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {!removing && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setShown((s) => !s)}
            aria-pressed={shown}
            aria-label={shown ? `Hide what you typed for ${label}` : `Show what you typed for ${label}`}
            disabled={!value}
          >
            {shown ? 'Hide' : 'Show'}
          </Button>
        )}
        {removable && masked && (
          <Button size="sm" variant="ghost" onClick={() => onChange(removing ? '' : null)}>
            {removing ? 'Undo' : 'Remove'}
          </Button>
        )}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {showStored && (
        <p className="field-hint" id={`${id}-state`}>
          {removing ? (
            <span className="secret-removed">The stored value will be removed.</span>
          ) : masked ? (
            <>
              Stored: <code>{masked}</code>
              {value ? ' (will be replaced)' : ''}
            </>
          ) : (
            'Nothing stored yet.'
          )}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** The request value of a secret box: absent (keep), null (remove) or the new text. */
export function secretChange(value: string | null): string | null | undefined {
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/** A problem with what was typed into a secret box, before anything is sent. */
export function secretProblem(
  value: string | null,
  { required = false, stored = false } = {},
): string | null {
  if (value === null) return required ? 'This is needed; it cannot be removed' : null;
  const trimmed = value.trim();
  if (!trimmed) return required && !stored ? 'Paste the value' : null;
  if (trimmed.startsWith('***')) return 'That is the masked value; paste the real one';
  return null;
}
