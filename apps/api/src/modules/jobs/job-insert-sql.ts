/**
 * The INSERT INTO pgboss.job that pg-boss 10.4's own `insert()` runs (plans.js `insertJobs`),
 * reduced to what Parley's callers use (queue defaults, no per-job options), written to take its
 * rows from a CTE of the caller's statement. It lets "store the events and enqueue their jobs"
 * be one statement, one round trip, atomic without a transaction. pg-boss is pinned; re-check
 * this against plans.js when upgrading it.
 *
 * @param queueParam the placeholder holding the queue name, e.g. `$2`
 * @param dataSource a FROM clause yielding one row per job with a jsonb column `data`
 */
export function jobInsertFromRows(queueParam: string, dataSource: string): string {
  return `
    INSERT INTO pgboss.job (id, name, data, priority, start_after, dead_letter, expire_in, keep_until,
                            retry_limit, retry_delay, retry_backoff, policy)
    SELECT gen_random_uuid(), q.name, src.data, 0, now(), q.dead_letter,
           COALESCE(q.expire_seconds * interval '1s', interval '15 minutes'),
           now() + CAST(COALESCE((q.retention_minutes * 60)::text, '14 days') AS interval),
           COALESCE(q.retry_limit, 2),
           CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(COALESCE(q.retry_delay, 0), 1)
                ELSE COALESCE(q.retry_delay, 0) END,
           COALESCE(q.retry_backoff, false),
           q.policy
    FROM ${dataSource} JOIN pgboss.queue q ON q.name = ${queueParam}
    RETURNING 1`;
}
