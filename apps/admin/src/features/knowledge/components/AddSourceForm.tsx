import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { useValidatedForm } from '../../../lib/use-validated-form';
import { useCreateSource } from '../api/knowledge-sources';
import { DEPTH_MAX, emptySource, PAGE_LIMIT_MAX, sourceRequest, validateSource } from '../lib/source-form';

const API_FIELDS = { url: 'url', crawl_depth: 'crawl_depth', page_limit: 'page_limit' } as const;

/** A website (or one page of it) for the bot to learn from. */
export function AddSourceForm() {
  const create = useCreateSource();
  const { bind, formErrors, submitWith, showApiError, reset } = useValidatedForm(emptySource, {
    validate: validateSource,
    apiFields: API_FIELDS,
  });
  const submit = submitWith((v) =>
    create.mutate(sourceRequest(v), { onSuccess: () => reset(), onError: showApiError }),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Add a website">
      <div className="source-form">
        <Field
          label="Web address"
          type="url"
          {...bind('url')}
          placeholder="https://www.example.com/prices"
          autoComplete="off"
          spellCheck={false}
        />
        <Field
          label="Link depth"
          inputMode="numeric"
          {...bind('crawl_depth')}
          hint={`0 = this page only, up to ${DEPTH_MAX}`}
        />
        <Field
          label="Page limit"
          inputMode="numeric"
          {...bind('page_limit')}
          hint={`At most ${PAGE_LIMIT_MAX} pages`}
        />
      </div>
      <FormError messages={formErrors} />
      <div className="form-actions">
        <Button type="submit" loading={create.isPending}>
          Add website
        </Button>
      </div>
    </form>
  );
}
