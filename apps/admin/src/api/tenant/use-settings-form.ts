import type { TenantResponse, UpdateTenantSettingsRequest } from '@parley/shared-types';
import { useValidatedForm } from '../../lib/use-validated-form';
import { useUpdateSettings } from './update-settings';

/**
 * A settings form: values from the saved settings, saved with PATCH settings, the saved answer
 * becoming the new starting point. Forms only say how values map to and from the API.
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
  const form = useValidatedForm(() => saved, { validate, apiFields });
  return {
    ...form,
    dirty: JSON.stringify(form.values) !== JSON.stringify(saved),
    submit: form.submitWith((values) =>
      update.mutate(toRequest(values), {
        onSuccess: (next) => form.setValues(valuesFrom(next)),
        onError: form.showApiError,
      }),
    ),
    undo: () => form.setValues(saved),
    saving: update.isPending,
    savedOnce: update.isSuccess,
  };
}
