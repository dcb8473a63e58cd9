import type { BulkTenantFilter, StartBulkOperationRequest } from '@parley/shared-types';

/**
 * Which tenants a bulk action would act on: some picked by hand (any pages), or every tenant
 * matching the current filters, however many pages that is.
 */
export type Selection =
  { kind: 'ids'; ids: ReadonlySet<string> } | { kind: 'matching'; filter: BulkTenantFilter; total: number };

export const EMPTY_SELECTION: Selection = { kind: 'ids', ids: new Set() };

export type SelectionEvent =
  | { type: 'toggle'; id: string }
  | { type: 'togglePage'; ids: string[] }
  | { type: 'selectMatching'; filter: BulkTenantFilter; total: number }
  | { type: 'clear' };

export function selectionReducer(state: Selection, event: SelectionEvent): Selection {
  switch (event.type) {
    case 'toggle': {
      // Unticking one row of "every matching" falls back to picking by hand; start from none.
      const ids = new Set(state.kind === 'ids' ? state.ids : []);
      if (ids.has(event.id)) ids.delete(event.id);
      else ids.add(event.id);
      return { kind: 'ids', ids };
    }
    case 'togglePage': {
      const current = state.kind === 'ids' ? state.ids : new Set<string>();
      const allOnPage = state.kind === 'matching' || event.ids.every((id) => current.has(id));
      const ids = new Set(current);
      for (const id of event.ids) {
        if (allOnPage) ids.delete(id);
        else ids.add(id);
      }
      return { kind: 'ids', ids: state.kind === 'matching' ? new Set() : ids };
    }
    case 'selectMatching':
      return { kind: 'matching', filter: event.filter, total: event.total };
    case 'clear':
      return EMPTY_SELECTION;
  }
}

export const selectedCount = (s: Selection): number => (s.kind === 'ids' ? s.ids.size : s.total);

export const isSelected = (s: Selection, id: string): boolean => s.kind === 'matching' || s.ids.has(id);

/** Whether every row of the page is selected (the header checkbox's state). */
export function pageState(s: Selection, pageIds: string[]): 'all' | 'some' | 'none' {
  if (pageIds.length === 0) return 'none';
  if (s.kind === 'matching') return 'all';
  const picked = pageIds.filter((id) => s.ids.has(id)).length;
  return picked === 0 ? 'none' : picked === pageIds.length ? 'all' : 'some';
}

/** The request body part that names the tenants. */
export function selectionRequest(s: Selection): Pick<StartBulkOperationRequest, 'tenant_ids' | 'filter'> {
  return s.kind === 'ids' ? { tenant_ids: [...s.ids] } : { filter: s.filter };
}
