import { Inject, Injectable } from '@nestjs/common';
import type { CredentialStatus, CrmStatus, CrmTestResult, CrmVerdict } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { SecretBox } from '../../common/crypto/secret-box';
import { notFound } from '../../common/http/domain-error';
import { runInTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import type { LoadedTenant } from '../tenant-config/tenant-config-view';
import { CrmConnectionHealth } from './crm-connection-health';
import { CRM_PROVIDER_FACTORY, type CrmProviderFactory } from './crm-provider.port';
import { UpdateCrmSettingsDto } from './dto/lead.dto';
import { LeadsRepository } from './leads.repository';

/** How a connection test's verdict reads as credential health (absent: the test gave no verdict). */
const CREDENTIAL_VERDICTS: Partial<Record<CrmVerdict, CredentialStatus>> = {
  ok: 'ok',
  bad_token: 'invalid',
  bad_client: 'invalid',
  wrong_data_centre: 'invalid',
  missing_scope: 'invalid',
  no_permission: 'invalid',
};

/** A tenant's CRM connection: its health, the connection test, and the Zoho lead source. */
@Injectable()
export class CrmConnectionService {
  constructor(
    @Inject(CRM_PROVIDER_FACTORY) private readonly providers: CrmProviderFactory,
    private readonly dataSource: DataSource,
    private readonly configLoader: ConfigLoader,
    private readonly health: CrmConnectionHealth,
    private readonly leads: LeadsRepository,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly credentials: CredentialHealthService,
  ) {}

  async status(tenantId: string): Promise<CrmStatus> {
    const tenant = await this.tenant(tenantId);
    const [health, leads] = await Promise.all([
      this.health.read(tenantId),
      this.leads.countByState(tenantId),
    ]);
    return {
      crm: tenant.profile.crmKind,
      configured: isConfigured(tenant),
      status: tenant.profile.crmKind === 'local' ? 'healthy' : health.status,
      last_error: health.lastError,
      checked_at: health.checkedAt?.toISOString() ?? null,
      lead_source: health.leadSource,
      leads,
    };
  }

  /** Runs the adapter's test, records the outcome as the connection's health, and says it plainly. */
  async test(tenantId: string): Promise<CrmTestResult> {
    const tenant = await this.tenant(tenantId);
    const provider = await this.providers.forTenant(tenantId);
    const check = await provider.testConnection();
    const ok = check.verdict === 'ok';
    const kind = tenant.profile.crmKind;
    if (kind !== 'local') {
      await this.health.record(tenantId, ok, check.message);
      // The same verdict feeds credential health; no answer (down, rate limited) is no verdict.
      const credential = CREDENTIAL_VERDICTS[check.verdict];
      if (credential) {
        await this.credentials.record(tenantId, kind, {
          status: credential,
          error: credential === 'ok' ? null : check.message,
        });
      }
    }
    return {
      crm: tenant.profile.crmKind,
      ok,
      verdict: check.verdict,
      message: check.message,
      checked_at: new Date().toISOString(),
    };
  }

  async updateSettings(actor: ActorContext, tenantId: string, dto: UpdateCrmSettingsDto): Promise<CrmStatus> {
    await this.tenant(tenantId);
    if (dto.lead_source !== undefined) {
      const before = await this.health.read(tenantId);
      const leadSource = dto.lead_source?.trim() || null;
      await runInTransaction(this.dataSource, async (tx) => {
        await tx.manager.query(
          `INSERT INTO crm_connections (tenant_id, lead_source) VALUES ($1, $2)
           ON CONFLICT (tenant_id) DO UPDATE SET lead_source = $2, updated_at = now()`,
          [tenantId, leadSource],
        );
        await this.audit.record(tx.manager, {
          actor,
          tenantId,
          action: 'crm.settings.update',
          targetType: 'crm_connection',
          targetId: tenantId,
          before: { lead_source: before.leadSource },
          after: { lead_source: leadSource },
        });
      });
    }
    return this.status(tenantId);
  }

  /**
   * Stores what Zoho's connect flow produced (refresh token sealed, the accounts server the code
   * was exchanged on, the API domain the token answer gave), makes Zoho the tenant's CRM, audits
   * it, and counts the connection healthy.
   */
  async connectZoho(
    actor: ActorContext,
    tenantId: string,
    grant: { accountsUrl: string; apiDomain: string | null; refreshToken: string },
  ): Promise<void> {
    await runInTransaction(this.dataSource, async (tx) => {
      await tx.manager.query(
        `INSERT INTO crm_connections (tenant_id, zoho_accounts_url, zoho_api_url, zoho_refresh_token_enc)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET zoho_accounts_url = $2, zoho_api_url = $3,
           zoho_refresh_token_enc = $4, updated_at = now()`,
        [tenantId, grant.accountsUrl, grant.apiDomain, this.box.seal(grant.refreshToken)],
      );
      await tx.manager.query(`UPDATE tenants SET crm_kind = 'zoho', updated_at = now() WHERE id = $1`, [
        tenantId,
      ]);
      await this.audit.record(tx.manager, {
        actor,
        tenantId,
        action: 'crm.zoho.connect',
        targetType: 'crm_connection',
        targetId: tenantId,
        after: {
          crm: 'zoho',
          accounts_url: grant.accountsUrl,
          api_url: grant.apiDomain,
          refresh_token: '***',
        },
      });
      tx.afterCommit(() => this.configLoader.invalidate(tenantId));
    });
    await this.health.record(tenantId, true, null);
  }

  private async tenant(tenantId: string): Promise<LoadedTenant> {
    const tenant = await this.configLoader.forTenant(tenantId);
    if (!tenant) throw notFound(`Tenant "${tenantId}"`);
    return tenant;
  }
}

function isConfigured(tenant: LoadedTenant): boolean {
  const { zoho, hubspot } = tenant.crm;
  switch (tenant.profile.crmKind) {
    case 'zoho':
      return !!(zoho.clientId && zoho.clientSecret && zoho.refreshToken);
    case 'hubspot':
      return !!hubspot.apiKey;
    default:
      return true;
  }
}
