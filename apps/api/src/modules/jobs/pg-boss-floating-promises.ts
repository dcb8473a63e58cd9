import { Logger } from '@nestjs/common';

type Finish = (this: unknown, ...args: unknown[]) => Promise<unknown>;

let guarded = false;

/**
 * pg-boss 10 ends a job attempt with `this.complete(...)` or `this.fail(...)` without awaiting it
 * (manager.js, `onFetch`). If PostgreSQL is unreachable at that moment the rejection is unhandled,
 * and Parley exits on unhandled rejections (boot.ts): a database restart took the whole API down
 * (found by test/faults/postgres-restart.fault-spec.ts). The job stays active and pg-boss retries it
 * once it expires, and handlers are idempotent, so a warning is the right reaction. Callers that
 * await `complete`/`fail` still receive the rejection: this only attaches a handler.
 */
export function guardPgBossFloatingPromises(): void {
  if (guarded) return;
  guarded = true;
  const logger = new Logger('Jobs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Manager = require('pg-boss/src/manager') as { prototype: Record<'complete' | 'fail', Finish> };
  for (const name of ['complete', 'fail'] as const) {
    const original = Manager.prototype[name];
    Manager.prototype[name] = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      result.catch((error: unknown) =>
        logger.warn(
          { err: error, step: name },
          'Could not record the end of a job attempt; it will be retried',
        ),
      );
      return result;
    };
  }
}
