import type { CrmKind, CrmVerdict } from '@parley/shared-types';

/** What went wrong with a CRM call, in Parley's own terms; adapters map vendor errors to these. */
export type CrmFailureKind =
  'auth_failed' | 'rate_limited' | 'unavailable' | 'invalid_data' | 'not_configured';

/**
 * A CRM call that failed. `message` is written for a tenant admin (it is shown in the leads list
 * and by the connection test) and never contains a credential or a request body.
 */
export class CrmError extends Error {
  constructor(
    readonly kind: CrmFailureKind,
    readonly provider: CrmKind,
    message: string,
    readonly verdict: CrmVerdict,
    /** For rate limits: how long the CRM asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'CrmError';
  }

  /** Worth trying again later: everything but data the CRM refused. */
  get retryable(): boolean {
    return this.kind !== 'invalid_data';
  }
}

export const crmErrors = {
  auth: (provider: CrmKind, verdict: CrmVerdict, message: string) =>
    new CrmError('auth_failed', provider, message, verdict),
  rateLimited: (provider: CrmKind, retryAfterMs: number, message: string) =>
    new CrmError('rate_limited', provider, message, 'rate_limited', retryAfterMs),
  unavailable: (provider: CrmKind, message: string) =>
    new CrmError('unavailable', provider, message, 'unreachable'),
  invalidData: (provider: CrmKind, message: string) =>
    new CrmError('invalid_data', provider, message, 'error'),
  notConfigured: (provider: CrmKind, message: string) =>
    new CrmError('not_configured', provider, message, 'not_configured'),
};

export function isCrmError(error: unknown): error is CrmError {
  return error instanceof CrmError;
}
