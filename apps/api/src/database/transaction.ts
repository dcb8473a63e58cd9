import { DataSource, EntityManager } from 'typeorm';

/** A running transaction plus the work to do only once it has committed (wake a worker, drop a cache). */
export interface Tx {
  readonly manager: EntityManager;
  afterCommit(callback: () => unknown): void;
}

/**
 * Runs `work` in one transaction and then its after-commit callbacks. Inside `work`, every query
 * must go through `tx.manager`: with the embedded database another connection would wait for
 * this transaction forever.
 */
export async function runInTransaction<T>(dataSource: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  const callbacks: (() => unknown)[] = [];
  const result = await dataSource.transaction((manager) =>
    work({ manager, afterCommit: (callback) => callbacks.push(callback) }),
  );
  for (const callback of callbacks) {
    try {
      await callback();
    } catch {
      // After-commit work is an optimisation (wake-ups, cache drops); the commit already stands.
    }
  }
  return result;
}
