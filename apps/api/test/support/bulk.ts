import type { BulkOperation } from '@parley/shared-types';
import { bearer, type TestApp } from './test-app';
import { waitFor } from './wait';

export const BULK = '/api/v1/admin/tenants/bulk';
export const operation = (id: string) => `/api/v1/admin/bulk-operations/${id}`;

/** Waits until a bulk operation is neither queued nor running, and returns it. */
export async function finishedOperation(t: TestApp, token: string, id: string): Promise<BulkOperation> {
  const read = async () => (await t.http().get(operation(id)).set(bearer(token))).body as BulkOperation;
  await waitFor(async () => !['queued', 'running'].includes((await read()).status), 20_000);
  return read();
}
