/** A leaf of a snapshot, by its dotted path: `zoho.client_secret`. */
export interface DiffRow {
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
  }
}

/** Before and after, side by side, field by field; what changed is marked. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => ({
    path,
    before: a.get(path),
    after: b.get(path),
    changed: JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path)),
  }));
}

export const show = (value: unknown): string =>
  value === undefined
    ? ''
    : value === null
      ? 'null'
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
