import { useId } from 'react';
import { Button } from '../../../components/Button';
import type { SecretInput } from '../lib/tenant-form';

/**
 * A write-only secret: shows only the masked value the API gives (`***` + last 4), and lets the
 * admin replace or remove it. The new value is typed into a password box and never shown back.
 */
export function SecretField({
  label,
  masked,
  value,
  onChange,
  error,
  hint,
}: {
  label: string;
  masked: string | null;
  value: SecretInput;
  onChange: (value: SecretInput) => void;
  error?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className={`field secret-field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={value.mode === 'set' ? id : undefined} id={`${id}-label`}>
        {label}
      </label>
      {value.mode === 'set' ? (
        <div className="secret-row">
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            value={value.value}
            onChange={(e) => onChange({ mode: 'set', value: e.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <Button size="sm" variant="ghost" onClick={() => onChange({ mode: 'keep' })}>
            {masked ? 'Keep current' : 'Cancel'}
          </Button>
        </div>
      ) : (
        <div className="secret-row" aria-labelledby={`${id}-label`} role="group">
          <span className={value.mode === 'clear' ? 'secret-value secret-removed' : 'secret-value'}>
            {value.mode === 'clear' ? (
              'Will be removed'
            ) : masked ? (
              <code>{masked}</code>
            ) : (
              <span className="muted">Not set</span>
            )}
          </span>
          <Button size="sm" variant="secondary" onClick={() => onChange({ mode: 'set', value: '' })}>
            {masked ? 'Replace' : 'Set'}
          </Button>
          {masked && value.mode !== 'clear' && (
            <Button size="sm" variant="ghost" onClick={() => onChange({ mode: 'clear' })}>
              Remove
            </Button>
          )}
          {value.mode === 'clear' && (
            <Button size="sm" variant="ghost" onClick={() => onChange({ mode: 'keep' })}>
              Undo
            </Button>
          )}
        </div>
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        hint && <p className="field-hint">{hint}</p>
      )}
    </div>
  );
}
