import {
  CREDENTIAL_STATUSES,
  CRM_KINDS,
  DEFAULT_PAGE_SIZE,
  LLM_PROVIDERS,
  MAX_PAGE_SIZE,
  TENANT_STATUSES,
  type BulkTenantFilter,
  type TenantListQuery,
} from '@parley/shared-types';

export type TenantSort = NonNullable<TenantListQuery['sort']>;
const SORTS: readonly TenantSort[] = ['name', 'id', 'created_at'];

/** The tenant list's state, as kept in the address bar (shareable, survives reloads and Back). */
export interface TenantListParams {
  page: number;
  page_size: number;
  search: string;
  status?: TenantListQuery['status'];
  crm?: TenantListQuery['crm'];
  llm?: TenantListQuery['llm'];
  onboarded?: boolean;
  health?: TenantListQuery['health'];
  sort: TenantSort;
  order: 'asc' | 'desc';
}

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

const positive = (value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};

export const defaultOrder = (sort: TenantSort): 'asc' | 'desc' => (sort === 'created_at' ? 'desc' : 'asc');

/** Reads the list state from the address bar; anything unknown or malformed falls back to the default. */
export function parseListParams(search: URLSearchParams): TenantListParams {
  const sort = oneOf(SORTS, search.get('sort')) ?? 'name';
  const onboarded = search.get('onboarded');
  return {
    page: positive(search.get('page'), 1),
    page_size: positive(search.get('page_size'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    search: search.get('search')?.trim() ?? '',
    status: oneOf(TENANT_STATUSES, search.get('status')),
    crm: oneOf(CRM_KINDS, search.get('crm')),
    llm: oneOf(LLM_PROVIDERS, search.get('llm')),
    onboarded: onboarded === 'true' ? true : onboarded === 'false' ? false : undefined,
    health: oneOf(CREDENTIAL_STATUSES, search.get('health')),
    sort,
    order: oneOf(['asc', 'desc'] as const, search.get('order')) ?? defaultOrder(sort),
  };
}

/** Writes the list state back, leaving out defaults so addresses stay short. */
export function toSearchParams(params: TenantListParams, keep?: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of keep ?? []) if (!LIST_KEYS.includes(key)) out.set(key, value);
  if (params.page !== 1) out.set('page', String(params.page));
  if (params.page_size !== DEFAULT_PAGE_SIZE) out.set('page_size', String(params.page_size));
  if (params.search) out.set('search', params.search);
  if (params.status) out.set('status', params.status);
  if (params.crm) out.set('crm', params.crm);
  if (params.llm) out.set('llm', params.llm);
  if (params.onboarded !== undefined) out.set('onboarded', String(params.onboarded));
  if (params.health) out.set('health', params.health);
  if (params.sort !== 'name') out.set('sort', params.sort);
  if (params.order !== defaultOrder(params.sort)) out.set('order', params.order);
  return out;
}

const LIST_KEYS = [
  'page',
  'page_size',
  'search',
  'status',
  'crm',
  'llm',
  'onboarded',
  'health',
  'sort',
  'order',
];

/** The filters alone: what "every tenant matching" means, and what resets the selection. */
export function filterOf(params: TenantListParams): BulkTenantFilter {
  const filter: BulkTenantFilter = {};
  if (params.search) filter.search = params.search;
  if (params.status) filter.status = params.status;
  if (params.crm) filter.crm = params.crm;
  if (params.llm) filter.llm = params.llm;
  if (params.onboarded !== undefined) filter.onboarded = params.onboarded;
  if (params.health) filter.health = params.health;
  return filter;
}

export const hasFilters = (params: TenantListParams) => Object.keys(filterOf(params)).length > 0;

/** The API query for one page; also the query key, so equal lists share one cache entry. */
export function toApiQuery(params: TenantListParams): TenantListQuery {
  return {
    ...filterOf(params),
    page: params.page,
    page_size: params.page_size,
    sort: params.sort,
    order: params.order,
  };
}
