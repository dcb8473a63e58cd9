/**
 * TypeORM's `query()` answers UPDATE and DELETE with `[rows, rowCount]` (SELECT and INSERT with
 * the rows): this gives the RETURNING rows either way.
 */
export function changedRows<T = unknown>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
}
