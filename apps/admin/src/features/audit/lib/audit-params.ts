import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type AuditQuery } from '@parley/shared-types';

/** The audit log's filters as kept in the address bar: days for from/to, everything else as typed. */
export interface AuditParams {
  page: number;
  page_size: number;
  tenant_id: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FILTERS = ['tenant_id', 'actor', 'action', 'from', 'to'] as const;

export function parseAuditParams(search: URLSearchParams): AuditParams {
  const page = Number(search.get('page'));
  const size = Number(search.get('page_size'));
  const day = (key: string) => (DAY.test(search.get(key) ?? '') ? search.get(key)! : '');
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    page_size: Number.isInteger(size) && size > 0 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE,
    tenant_id: search.get('tenant_id')?.trim() ?? '',
    actor: search.get('actor')?.trim() ?? '',
    action: search.get('action')?.trim() ?? '',
    from: day('from'),
    to: day('to'),
  };
}

export function toAuditSearch(params: AuditParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTERS) if (params[key]) out.set(key, params[key]);
  if (params.page !== 1) out.set('page', String(params.page));
  if (params.page_size !== DEFAULT_PAGE_SIZE) out.set('page_size', String(params.page_size));
  return out;
}

export const hasAuditFilters = (p: AuditParams) => FILTERS.some((k) => p[k]);

/** The API query: days become the whole day, from 00:00 of `from` to the last instant of `to` (UTC). */
export function toAuditQuery(p: AuditParams): AuditQuery {
  const query: AuditQuery = { page: p.page, page_size: p.page_size };
  if (p.tenant_id) query.tenant_id = p.tenant_id;
  if (p.actor) query.actor = p.actor;
  if (p.action) query.action = p.action;
  if (p.from) query.from = `${p.from}T00:00:00.000Z`;
  if (p.to) query.to = `${p.to}T23:59:59.999Z`;
  return query;
}

/** Actions the log holds, for the action filter's suggestions (a prefix matches a whole family). */
export const KNOWN_ACTIONS = [
  'tenant.',
  'tenant.create',
  'tenant.update',
  'tenant.delete',
  'tenant.settings.update',
  'tenant.bulk_activate',
  'tenant.bulk_deactivate',
  'tenant.bulk_delete',
  'tenant.bulk_health_check',
  'tenant.bulk_recrawl_knowledge',
  'bulk.',
  'config.',
  'config.create',
  'config.update',
  'config.delete',
  'config.reveal',
  'config.admin_delete',
  'config.delete_all',
  'user.',
  'user.create',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'user.delete',
  'credential.status_changed',
];
