import type { ReactNode } from 'react';

/** A list of labelled values (a description list) that stacks on narrow screens. */
export function KeyValues({ items }: { items: readonly (readonly [ReactNode, ReactNode] | false | null)[] }) {
  return (
    <dl className="kv-list">
      {items.map(
        (item, i) =>
          item && (
            <div className="kv" key={i}>
              <dt>{item[0]}</dt>
              <dd>{item[1]}</dd>
            </div>
          ),
      )}
    </dl>
  );
}

/** A stored value or a quiet "Not set". */
export function OrNotSet({ value, code = false }: { value: string | null | undefined; code?: boolean }) {
  if (!value) return <span className="muted">Not set</span>;
  return code ? <code className="value-code">{value}</code> : <>{value}</>;
}
