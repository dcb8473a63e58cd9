import type { Lead } from '@parley/shared-types';
import { LeadEntity } from './entities/lead.entity';

export function toLead(row: LeadEntity): Lead {
  return {
    id: row.id,
    first_name: row.firstName,
    last_name: row.lastName,
    email: row.email,
    phone: row.phone,
    source: row.source,
    crm: row.crmKind,
    sync_state: row.syncState,
    crm_id: row.crmId,
    attempts: row.attempts,
    last_error: row.lastError,
    last_attempt_at: row.lastAttemptAt?.toISOString() ?? null,
    next_attempt_at: row.nextAttemptAt?.toISOString() ?? null,
    synced_at: row.syncedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
