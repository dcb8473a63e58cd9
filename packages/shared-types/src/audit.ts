import type { Page } from './pagination';

export interface AuditEvent {
  id: string;
  occurred_at: string;
  actor: { user_id: string | null; email: string | null; role: string | null };
  tenant_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  /** Masked snapshots: secrets appear only as `***` + last 4. */
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
}

export interface AuditQuery {
  page?: number;
  page_size?: number;
  tenant_id?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export type AuditPage = Page<AuditEvent>;
