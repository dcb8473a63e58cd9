import type { Page } from './pagination';
import type { TenantListQuery } from './tenants';

/**
 * What a bulk operation can do to each selected tenant. `health_check` checks the tenant's
 * credentials now; `recrawl_knowledge` re-reads every knowledge source of the tenant. A build
 * without the module behind an action answers each tenant `skipped` ("not available in this build").
 */
export const BULK_ACTIONS = [
  'activate',
  'deactivate',
  'delete',
  'health_check',
  'recrawl_knowledge',
] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BULK_OPERATION_STATUSES = ['queued', 'running', 'completed', 'cancelled', 'failed'] as const;
export type BulkOperationStatus = (typeof BULK_OPERATION_STATUSES)[number];

/** `skipped`: nothing to do (already in that state, or the tenant no longer exists), or cancelled. */
export const BULK_ITEM_STATUSES = ['pending', 'succeeded', 'failed', 'skipped'] as const;
export type BulkItemStatus = (typeof BULK_ITEM_STATUSES)[number];

/** The tenant list's filters: "every tenant matching" selects by these. */
export type BulkTenantFilter = Pick<
  TenantListQuery,
  'search' | 'status' | 'crm' | 'llm' | 'onboarded' | 'health'
>;

/** Most tenants one request may name explicitly; larger selections go by filter. */
export const BULK_MAX_TENANT_IDS = 10_000;

/** The phrase a bulk delete needs, naming how many tenants it deletes. */
export const bulkDeleteConfirmation = (count: number): string =>
  `DELETE ${count} ${count === 1 ? 'TENANT' : 'TENANTS'}`;

export interface StartBulkOperationRequest {
  action: BulkAction;
  /** Exactly one of `tenant_ids` and `filter`. */
  tenant_ids?: string[];
  filter?: BulkTenantFilter;
  /** Required for `delete`: exactly `bulkDeleteConfirmation(n)` for the n tenants selected. */
  confirmation?: string;
}

export interface BulkOperationCounts {
  total: number;
  pending: number;
  succeeded: number;
  failed: number;
  skipped: number;
}

export interface BulkOperation {
  id: string;
  action: BulkAction;
  status: BulkOperationStatus;
  /** How the tenants were chosen, as sent. */
  selection: { tenant_ids: string[] } | { filter: BulkTenantFilter };
  counts: BulkOperationCounts;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Why the whole operation failed, when it did (per-tenant problems are in the items). */
  error: string | null;
}

export interface BulkOperationItem {
  tenant_id: string;
  tenant_name: string | null;
  status: BulkItemStatus;
  message: string | null;
  finished_at: string | null;
}

export interface BulkOperationItemQuery {
  page?: number;
  page_size?: number;
  status?: BulkItemStatus;
}

export type BulkOperationPage = Page<BulkOperation>;
export type BulkOperationItemPage = Page<BulkOperationItem>;
