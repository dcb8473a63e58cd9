import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { splitApiError } from '../../../lib/api-errors';
import { focusFirstInvalid } from '../../../lib/forms';
import { useCreateSource } from '../api/knowledge-sources';
import {
  DEPTH_MAX,
  emptySource,
  PAGE_LIMIT_MAX,
  sourceRequest,
  validateSource,
  type SourceErrors,
  type SourceValues,
} from '../lib/source-form';

const API_FIELDS = { url: 'url', crawl_depth: 'crawl_depth', page_limit: 'page_limit' } as const;

/** A website (or one page of it) for the bot to learn from. */
export function AddSourceForm() {
  const create = useCreateSource();
  const [values, setValues] = useState<SourceValues>(emptySource);
  const [errors, setErrors] = useState<SourceErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const set = (key: keyof SourceValues, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateSource(values);
    setErrors(found);
    setFormErrors([]);
    if (Object.keys(found).length) return focusFirstInvalid(event.currentTarget);
    create.mutate(sourceRequest(values), {
      onSuccess: () => setValues(emptySource()),
      onError: (error) => {
        const split = splitApiError(error, API_FIELDS);
        setErrors(split.fields);
        setFormErrors(split.other);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add a website">
      <div className="source-form">
        <Field
          label="Web address"
          type="url"
          value={values.url}
          onChange={(e) => set('url', e.target.value)}
          error={errors.url}
          placeholder="https://www.example.com/prices"
          autoComplete="off"
          spellCheck={false}
        />
        <Field
          label="Link depth"
          inputMode="numeric"
          value={values.crawl_depth}
          onChange={(e) => set('crawl_depth', e.target.value)}
          error={errors.crawl_depth}
          hint={`0 = this page only, up to ${DEPTH_MAX}`}
        />
        <Field
          label="Page limit"
          inputMode="numeric"
          value={values.page_limit}
          onChange={(e) => set('page_limit', e.target.value)}
          error={errors.page_limit}
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
