import { Injectable } from '@nestjs/common';
import type { BotTexts, TenantPage, TenantResponse, TenantStatus } from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { nextSealed } from '../../common/crypto/secrets';
import { SecretBox } from '../../common/crypto/secret-box';
import { isUniqueViolation } from '../../common/http/db-errors';
import { badRequest, conflict, notFound } from '../../common/http/domain-error';
import { toPage } from '../../common/http/query';
import { runInTransaction, Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { HubSpotTokenCheck } from '../credential-health/hubspot-token-check';
import { ConfigLoader } from './config-loader.service';
import { CreateTenantDto, TenantSettingsDto, UpdateTenantDto } from './dto/tenant.dto';
import { TenantListQueryDto } from './dto/tenant-list-query.dto';
import { CrmConnectionEntity } from './entities/crm-connection.entity';
import { TenantEntity } from './entities/tenant.entity';
import { toTenantResponse } from './tenant.mapper';
import { TenantAggregate, TenantFilter, TenantsRepository } from './tenants.repository';

@Injectable()
export class TenantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantsRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly configLoader: ConfigLoader,
    private readonly hubspotCheck: HubSpotTokenCheck,
    private readonly health: CredentialHealthService,
  ) {}

  async create(actor: ActorContext, dto: CreateTenantDto): Promise<TenantResponse> {
    try {
      return await runInTransaction(this.dataSource, (tx) =>
        this.createWithin(tx, actor, dto, 'tenant.create'),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'tenants_pkey'))
        throw conflict(`A tenant with id "${dto.id}" already exists`);
      throw error;
    }
  }

  /** Creates the tenant, or updates it when it exists, inside the caller's transaction (imports). */
  async upsertWithin(
    tx: Tx,
    actor: ActorContext,
    dto: CreateTenantDto,
    action: string,
  ): Promise<'created' | 'updated'> {
    if (await tx.manager.exists(TenantEntity, { where: { id: dto.id } })) {
      await this.changeWithin(tx, actor, dto.id, dto, action);
      return 'updated';
    }
    await this.createWithin(tx, actor, dto, action);
    return 'created';
  }

  /** Every tenant, for exports; secrets masked. */
  async all(): Promise<TenantResponse[]> {
    const { items } = await this.tenants.list({ page: 1, page_size: Number.MAX_SAFE_INTEGER, sort: 'id' });
    return items.map((a) => this.toResponse(a));
  }

  private async createWithin(
    tx: Tx,
    actor: ActorContext,
    dto: CreateTenantDto,
    action: string,
  ): Promise<TenantResponse> {
    const tenant = tx.manager.create(TenantEntity, { id: dto.id, name: dto.name.trim() });
    const crm = tx.manager.create(CrmConnectionEntity, { tenantId: dto.id });
    applySettings(this.box, tenant, crm, dto);
    if (dto.status) tenant.status = dto.status;
    await tx.manager.insert(TenantEntity, tenant);
    await tx.manager.insert(CrmConnectionEntity, crm);
    const after = await this.responseOf(tx.manager, dto.id);
    await this.audit.record(tx.manager, {
      actor,
      tenantId: dto.id,
      action,
      targetType: 'tenant',
      targetId: dto.id,
      after,
    });
    return after;
  }

  async list(query: TenantListQueryDto): Promise<TenantPage> {
    const { items, total } = await this.tenants.list(query);
    const health = await this.health.overallFor(items.map((a) => a.tenant.id));
    return toPage(
      items.map((a) => ({ ...this.toResponse(a), health: health.get(a.tenant.id) ?? 'unknown' })),
      total,
      query,
    );
  }

  async get(id: string): Promise<TenantResponse> {
    const aggregate = await this.tenants.findAggregate(id);
    if (!aggregate) throw notFound(`Tenant "${id}"`);
    return this.toResponse(aggregate);
  }

  /** Platform admins change anything but the id; tenant admins go through updateSettings. */
  update(actor: ActorContext, id: string, dto: UpdateTenantDto): Promise<TenantResponse> {
    return this.change(actor, id, dto, 'tenant.update');
  }

  /** A new HubSpot token is tried with one cheap call first: a token HubSpot refuses is not saved. */
  async updateSettings(
    actor: ActorContext,
    tenantId: string,
    dto: TenantSettingsDto,
  ): Promise<TenantResponse> {
    const token = dto.hubspot?.api_key;
    const check = token ? await this.hubspotCheck.check(token) : null;
    if (check?.verdict === 'invalid') throw badRequest(`hubspot.api_key: ${check.message}`);
    const saved = await this.change(actor, tenantId, dto, 'tenant.settings.update');
    if (check?.verdict === 'ok') await this.health.record(tenantId, 'hubspot', { status: 'ok' }, actor);
    return saved;
  }

  async remove(actor: ActorContext, id: string): Promise<void> {
    await runInTransaction(this.dataSource, (tx) => this.removeWithin(tx, actor, id, 'tenant.delete'));
  }

  /** Deletes the tenant and everything it owns, inside the caller's transaction (bulk work). */
  async removeWithin(tx: Tx, actor: ActorContext, id: string, action: string): Promise<void> {
    const before = await this.responseOf(tx.manager, id, true);
    // Users, configs, phone numbers and CRM credentials go with the tenant (ON DELETE CASCADE).
    await tx.manager.delete(TenantEntity, { id });
    await this.audit.record(tx.manager, {
      actor,
      tenantId: id,
      action,
      targetType: 'tenant',
      targetId: id,
      before,
    });
    tx.afterCommit(() => this.configLoader.invalidate(id));
  }

  /**
   * Activates or suspends the tenant inside the caller's transaction (bulk work); `false` when it
   * already had that status, in which case nothing is written or audited.
   */
  async setStatusWithin(
    tx: Tx,
    actor: ActorContext,
    id: string,
    status: TenantStatus,
    action: string,
  ): Promise<boolean> {
    const tenant = await tx.manager.findOne(TenantEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!tenant) throw notFound(`Tenant "${id}"`);
    if (tenant.status === status) return false;
    await this.changeWithin(tx, actor, id, { status }, action);
    return true;
  }

  /** Whether the tenant exists, read inside the caller's transaction. */
  exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.exists(TenantEntity, { where: { id } });
  }

  /** Id and name of every tenant matching the list filters, for "select every tenant matching". */
  matching(manager: EntityManager, filter: TenantFilter): Promise<{ id: string; name: string }[]> {
    return this.tenants.matching(filter, manager);
  }

  /** Names of those of `ids` that exist. */
  namesOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    return this.tenants.namesOf(ids, manager);
  }

  private change(
    actor: ActorContext,
    id: string,
    dto: UpdateTenantDto,
    action: string,
  ): Promise<TenantResponse> {
    return runInTransaction(this.dataSource, (tx) => this.changeWithin(tx, actor, id, dto, action));
  }

  private async changeWithin(
    tx: Tx,
    actor: ActorContext,
    id: string,
    dto: UpdateTenantDto,
    action: string,
  ): Promise<TenantResponse> {
    const aggregate = await this.tenants.findAggregate(id, tx.manager, true);
    if (!aggregate) throw notFound(`Tenant "${id}"`);
    const before = this.toResponse(aggregate);
    const crm = aggregate.crm ?? tx.manager.create(CrmConnectionEntity, { tenantId: id });
    applySettings(this.box, aggregate.tenant, crm, dto);
    if (dto.status) aggregate.tenant.status = dto.status;
    await tx.manager.save(TenantEntity, aggregate.tenant);
    await tx.manager.save(CrmConnectionEntity, crm);
    const after = await this.responseOf(tx.manager, id);
    await this.audit.record(tx.manager, {
      actor,
      tenantId: id,
      action,
      targetType: 'tenant',
      targetId: id,
      before,
      after,
    });
    tx.afterCommit(() => this.configLoader.invalidate(id));
    return after;
  }

  private async responseOf(manager: EntityManager, id: string, lock = false): Promise<TenantResponse> {
    const aggregate = await this.tenants.findAggregate(id, manager, lock);
    if (!aggregate) throw notFound(`Tenant "${id}"`);
    return this.toResponse(aggregate);
  }

  private toResponse({ tenant, crm, config }: TenantAggregate): TenantResponse {
    return toTenantResponse(this.box, tenant, crm, config);
  }
}

/** Applies the settings present in `dto` (absent fields keep their value; null clears). */
function applySettings(
  box: SecretBox,
  tenant: TenantEntity,
  crm: CrmConnectionEntity,
  dto: TenantSettingsDto,
): void {
  if (dto.name !== undefined) tenant.name = dto.name.trim();
  if (dto.default_country !== undefined) tenant.defaultCountry = dto.default_country?.toUpperCase() ?? null;
  if (dto.branding?.welcome_message !== undefined)
    tenant.welcomeMessage = dto.branding.welcome_message || null;
  if (dto.branding?.logo_url !== undefined) tenant.logoUrl = dto.branding.logo_url || null;
  if (dto.crm !== undefined) tenant.crmKind = dto.crm;
  if (dto.llm?.provider !== undefined) tenant.llmProvider = dto.llm.provider;
  if (dto.llm?.model !== undefined) tenant.llmModel = dto.llm.model || null;
  if (dto.llm?.allow_switch !== undefined) tenant.llmAllowSwitch = dto.llm.allow_switch;
  if (dto.llm?.system_prompt !== undefined) tenant.llmSystemPrompt = dto.llm.system_prompt || null;
  if (dto.reengagement_template !== undefined)
    tenant.reengagementTemplate = dto.reengagement_template
      ? { name: dto.reengagement_template.name, language: dto.reengagement_template.language }
      : null;
  tenant.llmGeminiApiKeyEnc = nextSealed(box, tenant.llmGeminiApiKeyEnc ?? null, dto.llm?.gemini_api_key);
  if (dto.bot_texts !== undefined) tenant.botTexts = mergeBotTexts(tenant.botTexts ?? {}, dto.bot_texts);
  if (dto.lead_capture?.allow_skip_email !== undefined)
    tenant.leadCaptureAllowSkipEmail = dto.lead_capture.allow_skip_email;

  const zoho = dto.zoho;
  if (zoho?.client_id !== undefined) crm.zohoClientId = zoho.client_id || null;
  if (zoho?.accounts_url !== undefined) crm.zohoAccountsUrl = stripSlash(zoho.accounts_url);
  if (zoho?.api_url !== undefined) crm.zohoApiUrl = stripSlash(zoho.api_url);
  crm.zohoClientSecretEnc = nextSealed(box, crm.zohoClientSecretEnc ?? null, zoho?.client_secret);
  crm.zohoRefreshTokenEnc = nextSealed(box, crm.zohoRefreshTokenEnc ?? null, zoho?.refresh_token);
  crm.hubspotApiKeyEnc = nextSealed(box, crm.hubspotApiKeyEnc ?? null, dto.hubspot?.api_key);
}

/** A key set to a text overrides it; a key set to null or "" goes back to the default. */
function mergeBotTexts(current: BotTexts, change: Record<string, string | null>): BotTexts {
  const next: Record<string, string> = { ...current };
  for (const [key, text] of Object.entries(change)) {
    if (text === null || text.trim() === '') delete next[key];
    else next[key] = text;
  }
  return next;
}

function stripSlash(url: string | null | undefined): string | null {
  return url ? url.replace(/\/+$/, '') : null;
}
