import { useState, type FormEvent } from 'react';
import { splitApiError } from './api-errors';
import { focusFirstInvalid } from './forms';

type StringKey<V> = { [P in keyof V]: V[P] extends string ? P : never }[keyof V];

/**
 * A form's values, its field errors and its form-level errors, with the steps every form here
 * takes: a changed field loses its error; submitting checks first and focuses the first wrong
 * box; the API's field errors land under their boxes (by `apiFields`), the rest above the buttons.
 */
export function useValidatedForm<V, K extends string>(
  initial: () => V,
  {
    validate,
    apiFields,
  }: {
    validate: (values: V) => Partial<Record<K, string>>;
    /** API error paths ("llm.model") to the form's field keys. */
    apiFields: Record<string, K>;
  },
) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const clearError = (key: K) => {
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  /** Sets one field (whose key is also an error key) and clears its error. */
  const set = <F extends keyof V & K>(key: F, value: V[F]) => {
    setValues((v) => ({ ...v, [key]: value }));
    clearError(key);
  };

  /** The value, onChange and error props of a text box (Field, TextAreaField) for a string field. */
  const bind = <F extends StringKey<V> & K>(key: F) => ({
    value: values[key] as string,
    onChange: (event: { target: { value: string } }) => set(key, event.target.value as V[F]),
    error: errors[key],
  });

  /** An onSubmit handler: checks the values, then calls `send` only when nothing is wrong. */
  const submitWith = (send: (values: V) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    setFormErrors([]);
    if (Object.values(found).some(Boolean)) return focusFirstInvalid(event.currentTarget);
    send(values);
  };

  /** Puts an API error where it belongs: under its field, or above the buttons. */
  const showApiError = (error: unknown) => {
    const split = splitApiError(error, apiFields);
    setErrors(split.fields);
    setFormErrors(split.other);
  };

  const reset = (next: V = initial()) => {
    setValues(next);
    setErrors({});
    setFormErrors([]);
  };

  return {
    values,
    setValues,
    set,
    bind,
    errors,
    clearError,
    formErrors,
    submitWith,
    showApiError,
    reset,
  };
}
