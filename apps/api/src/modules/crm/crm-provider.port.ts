import type { CrmKind, CrmVerdict } from '@parley/shared-types';

/** A lead (Zoho) or contact (HubSpot) as the CRM holds it. */
export interface CrmLead {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

export interface NewCrmLead {
  firstName: string;
  /** Null when the person gave one name; adapters whose CRM requires a last name fall back sensibly. */
  lastName: string | null;
  email: string | null;
  /** E.164. */
  phone: string;
  /** Zoho's Lead_Source; ignored where the CRM has no such field. */
  source: string | null;
}

export interface CrmConnectionCheck {
  verdict: CrmVerdict;
  /** Plain words for a tenant admin. */
  message: string;
}

/**
 * One tenant's CRM. Adapters wrap only their vendor's HTTP API and throw `CrmError` (auth failed,
 * rate limited with a retry time, unavailable, invalid data, not configured), never vendor errors.
 */
export interface CrmProvider {
  readonly kind: CrmKind;
  /** `phone` is E.164; the adapter also tries the forms people store numbers in. */
  findLeadByPhone(phone: string): Promise<CrmLead | null>;
  createLead(lead: NewCrmLead): Promise<{ id: string }>;
  /** Never throws: says what works and what does not. */
  testConnection(): Promise<CrmConnectionCheck>;
}

/** Builds the adapter a tenant's settings call for (its CRM kind, credentials and country). */
export interface CrmProviderFactory {
  forTenant(tenantId: string): Promise<CrmProvider>;
}

/** DI token of the `CrmProviderFactory`. */
export const CRM_PROVIDER_FACTORY = Symbol('CrmProviderFactory');
