/** The job that works through a bulk operation's pending tenants, a slice at a time. */
export const BULK_QUEUE = 'bulk-operations';
/** Where a bulk job lands after its last retry; its handler marks the operation failed. */
export const BULK_DEAD_QUEUE = 'bulk-operations-failed';

export interface BulkJob {
  operationId: string;
}
