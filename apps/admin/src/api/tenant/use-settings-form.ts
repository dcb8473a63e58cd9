import type { TenantResponse, UpdateTenantSettingsRequest } from '@parley/shared-types';
import { useState, type FormEvent } from 'react';
import { splitApiError } from '../../lib/api-errors';
import { focusFirstInvalid } from '../../lib/forms';
import { useUpdateSettings } from './update-settings';

/**
 * The plumbing every settings form shares: values from the saved settings, checks before
 * sending, the API's field errors placed under their boxes (the rest above the buttons), and the
 * saved answer becoming the new starting point. Forms only say how values map to and from the API.
 */
export function useSettingsForm<V, K extends string>({
  tenant,
  valuesFrom,
  validate,
  toRequest,
  apiFields,
}: {
  tenant: TenantResponse;
  valuesFrom: (tenant: TenantResponse) => V;
  validate: (values: V) => Partial<Record<K, string>>;
  toRequest: (values: V) => UpdateTenantSettingsRequest;
  /** API error paths ("llm.model") to the form's field keys. */
  apiFields: Record<string, K>;
}) {
  const update = useUpdateSettings();
  const saved = valuesFrom(tenant);
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);

  /** Call when a field changes: its error goes until the next save. */
  const clearError = (key: K) => {
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    setFormErrors([]);
    if (Object.values(found).some(Boolean)) return focusFirstInvalid(event.currentTarget);
    update.mutate(toRequest(values), {
      onSuccess: (next) => setValues(valuesFrom(next)),
      onError: (error) => {
        const split = splitApiError(error, apiFields);
        setErrors(split.fields);
        setFormErrors(split.other);
      },
    });
  };

  return {
    values,
    setValues,
    errors,
    clearError,
    formErrors,
    dirty,
    submit,
    undo: () => setValues(saved),
    saving: update.isPending,
    savedOnce: update.isSuccess,
  };
}
