import { Injectable } from '@nestjs/common';
import type { TenantHealthChecker } from '../bulk-operations/bulk-ports';
import { CredentialCheckService } from './credential-check.service';

/** The platform's bulk "check health" action, one tenant at a time, in words for the result list. */
@Injectable()
export class BulkHealthChecker implements TenantHealthChecker {
  constructor(private readonly checks: CredentialCheckService) {}

  async checkTenant(tenantId: string): Promise<{ ok: boolean; message: string }> {
    const health = await this.checks.checkTenant(tenantId);
    const known = health.credentials.filter((c) => c.status !== 'unknown');
    if (known.length === 0)
      return { ok: true, message: 'Nothing to check: no WhatsApp number or CRM token yet' };
    const bad = known.filter((c) => c.status === 'invalid' || c.status === 'expiring');
    if (bad.length === 0) return { ok: true, message: `${known.map((c) => c.credential).join(', ')}: ok` };
    return {
      ok: false,
      message: bad
        .map((c) => `${c.credential}: ${c.status}${c.last_error ? ` (${c.last_error})` : ''}`)
        .join('; '),
    };
  }
}
