import { Injectable, Logger } from '@nestjs/common';
import {
  CREDENTIAL_KINDS,
  type CredentialHealth,
  type CredentialKind,
  type CredentialStatus,
  type TenantHealth,
} from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, type ActorContext } from '../../common/auth/actor';
import { AuditService } from '../audit/audit.service';

export interface CredentialObservation {
  status: CredentialStatus;
  /** Why it is not `ok`, in words a tenant admin understands (never a token). */
  error?: string | null;
  expiresAt?: Date | null;
}

interface HealthRow {
  credential: CredentialKind;
  status: CredentialStatus;
  last_error: string | null;
  expires_at: Date | null;
  checked_at: Date;
}

const SEVERITY: Record<CredentialStatus, number> = { ok: 0, unknown: 1, expiring: 2, invalid: 3 };

/**
 * The last known state of each tenant credential. Every writer (a send refused for a bad token,
 * the scheduled check, an admin's "check now") records here; a change of status is audited in the
 * same transaction. `invalid` means: stop using that credential until a check finds it good again.
 */
@Injectable()
export class CredentialHealthService {
  private readonly logger = new Logger(CredentialHealthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async record(
    tenantId: string,
    credential: CredentialKind,
    observation: CredentialObservation,
    actor: ActorContext = SYSTEM_ACTOR,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.query<{ status: CredentialStatus }[]>(
        `SELECT status FROM credential_health WHERE tenant_id = $1 AND credential = $2 FOR UPDATE`,
        [tenantId, credential],
      );
      const previous = before[0]?.status ?? 'unknown';
      const changed = previous !== observation.status;
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO credential_health (tenant_id, credential, status, last_error, expires_at, checked_at, changed_at)
         SELECT $1, $2, $3, $4, $5, now(), now() WHERE EXISTS (SELECT 1 FROM tenants WHERE id = $1)
         ON CONFLICT (tenant_id, credential) DO UPDATE SET
           status = EXCLUDED.status, last_error = EXCLUDED.last_error, expires_at = EXCLUDED.expires_at,
           checked_at = now(),
           changed_at = CASE WHEN credential_health.status = EXCLUDED.status
                             THEN credential_health.changed_at ELSE now() END
         RETURNING 1`,
        [tenantId, credential, observation.status, observation.error ?? null, observation.expiresAt ?? null],
      );
      if (inserted.length === 0 || !changed) return;
      this.logger.warn(
        { tenantId, credential, from: previous, to: observation.status },
        'credential status changed',
      );
      await this.audit.record(manager, {
        actor,
        tenantId,
        action: 'credential.status_changed',
        targetType: 'credential',
        targetId: credential,
        before: { status: previous },
        after: { status: observation.status, error: observation.error ?? null },
      });
    });
  }

  async forTenant(tenantId: string): Promise<TenantHealth> {
    const rows = await this.dataSource.query<HealthRow[]>(
      `SELECT credential, status, last_error, expires_at, checked_at FROM credential_health WHERE tenant_id = $1`,
      [tenantId],
    );
    const byKind = new Map(rows.map((row) => [row.credential, row]));
    const credentials: CredentialHealth[] = CREDENTIAL_KINDS.map((credential) => {
      const row = byKind.get(credential);
      return {
        credential,
        status: row?.status ?? 'unknown',
        last_error: row?.last_error ?? null,
        expires_at: row?.expires_at ? new Date(row.expires_at).toISOString() : null,
        checked_at: row?.checked_at ? new Date(row.checked_at).toISOString() : null,
      };
    });
    return { overall: worstStatus(rows.map((row) => row.status)), credentials };
  }

  /** Overall status of many tenants at once (for the admin tenant list). */
  async overallFor(tenantIds: string[]): Promise<Map<string, CredentialStatus>> {
    if (tenantIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ tenant_id: string; status: CredentialStatus }[]>(
      `SELECT tenant_id, status FROM credential_health WHERE tenant_id = ANY($1)`,
      [tenantIds],
    );
    const grouped = new Map<string, CredentialStatus[]>();
    for (const row of rows) grouped.set(row.tenant_id, [...(grouped.get(row.tenant_id) ?? []), row.status]);
    return new Map(tenantIds.map((id) => [id, worstStatus(grouped.get(id) ?? [])]));
  }

  /** True while the credential is known to be bad: callers must not use it. */
  async isInvalid(tenantId: string, credential: CredentialKind): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM credential_health WHERE tenant_id = $1 AND credential = $2 AND status = 'invalid'`,
      [tenantId, credential],
    );
    return rows.length > 0;
  }
}

export function worstStatus(statuses: CredentialStatus[]): CredentialStatus {
  if (statuses.length === 0) return 'unknown';
  return statuses.reduce((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst), 'ok');
}
