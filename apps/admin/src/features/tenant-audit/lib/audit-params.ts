import { DEFAULT_PAGE_SIZE } from '@parley/shared-types';
import type { TenantAuditQuery } from '../api/list-audit-events';

/** The filters as typed (dates as yyyy-mm-dd, local), kept in the address so a view can be linked to. */
export interface AuditFilters {
  action: string;
  actor: string;
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFrom(params: URLSearchParams): AuditFilters {
  const date = (key: string) => (DATE.test(params.get(key) ?? '') ? params.get(key)! : '');
  return {
    action: params.get('action') ?? '',
    actor: params.get('actor') ?? '',
    from: date('from'),
    to: date('to'),
  };
}

export function pageFrom(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export function filterProblem(f: AuditFilters): string | null {
  return f.from && f.to && f.from > f.to ? 'The start date is after the end date' : null;
}

/** The API query: whole local days, from the first to the last moment. */
export function auditQuery(f: AuditFilters, page: number): TenantAuditQuery {
  return {
    page,
    page_size: DEFAULT_PAGE_SIZE,
    ...(f.action ? { action: f.action } : {}),
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00`).toISOString() } : {}),
    ...(f.to ? { to: new Date(`${f.to}T23:59:59.999`).toISOString() } : {}),
  };
}

export function auditParams(f: AuditFilters, page = 1): Record<string, string> {
  const entries = Object.entries({ ...f, actor: f.actor.trim() }).filter(([, v]) => v);
  return Object.fromEntries(page > 1 ? [...entries, ['page', String(page)]] : entries);
}
