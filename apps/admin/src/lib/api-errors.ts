import { ApiError } from './api-client';

export interface SplitApiError<K extends string> {
  /** A message per form field, without the field's name (the field's label says it). */
  fields: Partial<Record<K, string>>;
  /** Problems that belong to no field on the form (or the whole message). */
  other: string[];
}

/**
 * Places the API's problems next to the form fields they concern: validation `details` start with
 * the field's path ("branding.logo_url must be an http(s) URL"), the lead parser's refusals with
 * the path and a colon ("phone: That doesn't look like a phone number"). `paths` maps
 * API paths to the form's field keys; the longest matching path wins.
 */
export function splitApiError<K extends string>(error: unknown, paths: Record<string, K>): SplitApiError<K> {
  const messages =
    error instanceof ApiError
      ? error.details.length
        ? error.details
        : [error.message]
      : [error instanceof Error ? error.message : 'Something went wrong'];
  const known = Object.keys(paths).sort((a, b) => b.length - a.length);
  const fields: Partial<Record<K, string>> = {};
  const other: string[] = [];
  for (const message of messages) {
    const path = known.find((p) => message.startsWith(`${p} `) || message.startsWith(`${p}: `));
    const key = path ? paths[path] : undefined;
    if (path && key && !fields[key]) fields[key] = sentence(message.slice(path.length).replace(/^:?\s+/, ''));
    else if (!path) other.push(message);
  }
  return { fields, other };
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
