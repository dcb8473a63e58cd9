/** One field of a snapshot by its dotted path (`zoho.client_secret`), before and after. */
export interface ChangeRow {
  path: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value);
  } else if (value !== null && value !== undefined) {
    out.set('value', value);
  }
}

/**
 * Before and after side by side, field by field, changed fields first. The snapshots come masked
 * from the server (secrets as `***` + last 4) and are shown exactly as recorded.
 */
export function diffSnapshots(before: unknown, after: unknown): ChangeRow[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((path) => ({
    path,
    before: a.get(path),
    after: b.get(path),
    changed: JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path)),
  }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

export const showValue = (value: unknown): string =>
  value === undefined
    ? '—'
    : value === null
      ? 'empty'
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
