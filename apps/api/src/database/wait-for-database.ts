/**
 * Waits, for at most `timeoutMs`, until the database answers again; false if it did not. A job
 * that failed because the server went away (a restart) calls it before its cleanup: that cleanup
 * and pg-boss's record of the failure both need the database, and without them the job stays
 * `active` until it expires and its lease until it runs out, so the retry comes minutes late.
 */
export async function untilDatabaseAnswers(
  dataSource: { query(sql: string): Promise<unknown> },
  timeoutMs = 30_000,
  firstDelayMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = firstDelayMs; ; delay = Math.min(delay * 2, 2000)) {
    try {
      await dataSource.query('SELECT 1');
      return true;
    } catch {
      if (Date.now() + delay > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
