import {
  DEFAULT_PAGE_SIZE,
  LEAD_SYNC_STATES,
  type LeadListQuery,
  type LeadSyncState,
} from '@parley/shared-types';

/** The list's filter and page, read from the address so that a filtered list can be linked to. */
export function leadQueryFrom(params: URLSearchParams): LeadListQuery {
  const state = params.get('state');
  const page = Number(params.get('page'));
  return {
    ...(LEAD_SYNC_STATES.includes(state as LeadSyncState) ? { state: state as LeadSyncState } : {}),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    page_size: DEFAULT_PAGE_SIZE,
  };
}

export function leadParams(query: LeadListQuery): Record<string, string> {
  return {
    ...(query.state ? { state: query.state } : {}),
    ...(query.page && query.page > 1 ? { page: String(query.page) } : {}),
  };
}
