import { Inject, Injectable } from '@nestjs/common';
import {
  DELETE_ALL_CONFIGS_CONFIRMATION,
  type AdminWhatsAppConfigPage,
  type ConfigStats,
  type WhatsAppConfig,
} from '@parley/shared-types';
import { randomBytes } from 'node:crypto';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { nextSealed } from '../../common/crypto/secrets';
import { SecretBox } from '../../common/crypto/secret-box';
import { isUniqueViolation } from '../../common/http/db-errors';
import { badRequest, conflict, DomainError, notFound } from '../../common/http/domain-error';
import { pageWindow, toPage } from '../../common/http/query';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { RESYNC } from '../../database/notification-hub';
import { runInTransaction, Tx } from '../../database/transaction';
import { AuditService, escapeLike } from '../audit/audit.service';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { ConfigLoader } from './config-loader.service';
import { AdminConfigListQueryDto } from './dto/admin-config-query.dto';
import { CreateWhatsAppConfigDto, UpdateWhatsAppConfigDto } from './dto/whatsapp-config.dto';
import { PhoneNumberEntity } from './entities/phone-number.entity';
import { TenantConfigEntity } from './entities/tenant-config.entity';
import { TenantEntity } from './entities/tenant.entity';
import { toWhatsAppConfig } from './tenant.mapper';

/** What Embedded Signup found out about a tenant's number, to store as its configuration. */
export interface OnboardedNumber {
  wabaId: string;
  phoneNumberId: string;
  businessId: string | null;
  accessToken: string;
  tokenExpiresAt: Date | null;
  displayPhoneNumber: string | null;
}

const noConfig = () => new DomainError(404, 'This tenant has no WhatsApp configuration yet');
const NUMBER_TAKEN = (id: string) => `phone_number_id ${id} is already connected to another tenant`;

/** A tenant's WhatsApp configuration (one per tenant) and the platform-wide views of all of them. */
@Injectable()
export class WhatsAppConfigService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly configLoader: ConfigLoader,
    private readonly credentialHealth: CredentialHealthService,
  ) {}

  async get(tenantId: string): Promise<WhatsAppConfig> {
    const found = await this.find(this.dataSource.manager, tenantId);
    if (!found) throw noConfig();
    return toWhatsAppConfig(this.box, found.config, found.phones);
  }

  /** A tenant's config as platform admins see it: masked, and a clear 404 for either absence. */
  async getForAdmin(tenantId: string): Promise<WhatsAppConfig> {
    const m = this.dataSource.manager;
    if (!(await m.exists(TenantEntity, { where: { id: tenantId } }))) throw notFound(`Tenant "${tenantId}"`);
    const found = await this.find(m, tenantId);
    if (!found) throw new DomainError(404, `Tenant "${tenantId}" has no WhatsApp configuration yet`);
    return toWhatsAppConfig(this.box, found.config, found.phones);
  }

  /** The one route that shows secrets unmasked; every call is audited. */
  async reveal(actor: ActorContext, tenantId: string): Promise<WhatsAppConfig> {
    return runInTransaction(this.dataSource, async (tx) => {
      const found = await this.find(tx.manager, tenantId);
      if (!found) throw noConfig();
      await this.audit.record(tx.manager, {
        actor,
        tenantId,
        action: 'config.reveal',
        targetType: 'whatsapp_config',
        targetId: found.config.id,
      });
      return toWhatsAppConfig(this.box, found.config, found.phones, true);
    });
  }

  async create(actor: ActorContext, tenantId: string, dto: CreateWhatsAppConfigDto): Promise<WhatsAppConfig> {
    return this.writeGuarded(dto.phone_number_id, async (tx) => {
      const m = tx.manager;
      await m.findOne(TenantEntity, { where: { id: tenantId }, lock: { mode: 'pessimistic_write' } });
      if (await m.exists(TenantConfigEntity, { where: { tenantId } })) {
        throw conflict(
          'This tenant already has a WhatsApp configuration; change it with PUT or delete it first',
        );
      }
      await this.assertNumberFree(m, dto.phone_number_id, tenantId);
      const config = this.newConfig(m, tenantId, dto.phone_number_id);
      this.apply(config, dto);
      await this.insertWithPrimaryNumber(m, config);
      const after = await this.masked(m, tenantId);
      await this.recordChange(tx, actor, tenantId, 'config.create', config.id, { after });
      this.afterTokenChange(tx, actor, tenantId, dto.access_token);
      return after;
    });
  }

  /**
   * Stores what Embedded Signup produced: creates the tenant's config or replaces its number and
   * token (a reconnect), marks onboarding completed and audits it, all in one transaction, in
   * which `within` runs too (the caller's own bookkeeping). 409 when another tenant owns the number.
   */
  async saveOnboarded(
    actor: ActorContext,
    tenantId: string,
    input: OnboardedNumber,
    within?: (tx: Tx) => Promise<void>,
  ): Promise<WhatsAppConfig> {
    return this.writeGuarded(input.phoneNumberId, async (tx) => {
      const m = tx.manager;
      await m.findOne(TenantEntity, { where: { id: tenantId }, lock: { mode: 'pessimistic_write' } });
      await this.assertNumberFree(m, input.phoneNumberId, tenantId);
      let config = await this.lockConfig(m, tenantId);
      const before = config ? await this.masked(m, tenantId) : null;
      const previousNumber = config?.phoneNumberId ?? null;
      config ??= this.newConfig(m, tenantId, input.phoneNumberId);
      config.wabaId = input.wabaId;
      config.phoneNumberId = input.phoneNumberId;
      config.businessId = input.businessId ?? config.businessId ?? null;
      config.displayPhoneNumber = input.displayPhoneNumber;
      config.accessTokenEnc = this.box.seal(input.accessToken);
      config.tokenExpiresAt = input.tokenExpiresAt;
      config.onboardingCompleted = true;
      config.onboardingCompletedAt = new Date();
      if (previousNumber === null) {
        await this.insertWithPrimaryNumber(m, config);
      } else {
        await this.saveWithPrimaryNumber(m, config, previousNumber);
      }
      const after = await this.masked(m, tenantId);
      await this.recordChange(
        tx,
        actor,
        tenantId,
        before ? 'config.reconnect' : 'config.onboard',
        config.id,
        { ...(before ? { before } : {}), after },
      );
      await within?.(tx);
      return after;
    });
  }

  /** Whether another tenant already owns this number (onboarding refuses before calling Meta). */
  async numberOwnedByOther(phoneNumberId: string, tenantId: string): Promise<boolean> {
    const owner = await this.dataSource.manager.findOne(PhoneNumberEntity, {
      where: { phoneNumberId },
      select: { tenantId: true },
    });
    return !!owner && owner.tenantId !== tenantId;
  }

  async update(actor: ActorContext, tenantId: string, dto: UpdateWhatsAppConfigDto): Promise<WhatsAppConfig> {
    return this.writeGuarded(dto.phone_number_id, async (tx) => {
      const m = tx.manager;
      const config = await this.lockConfig(m, tenantId);
      if (!config) throw noConfig();
      const before = await this.masked(m, tenantId);
      const previousNumber = config.phoneNumberId;
      if (dto.phone_number_id && dto.phone_number_id !== previousNumber) {
        await this.assertNumberFree(m, dto.phone_number_id, tenantId);
      }
      this.apply(config, dto);
      await this.saveWithPrimaryNumber(m, config, previousNumber);
      const after = await this.masked(m, tenantId);
      await this.recordChange(tx, actor, tenantId, 'config.update', config.id, { before, after });
      this.afterTokenChange(tx, actor, tenantId, dto.access_token);
      return after;
    });
  }

  /**
   * A new access token is not known to be bad: sending resumes (a token found invalid by a send
   * or a check stays `invalid` only until the tenant replaces it).
   */
  private afterTokenChange(tx: Tx, actor: ActorContext, tenantId: string, token: string | undefined): void {
    if (token === undefined) return;
    tx.afterCommit(() => this.credentialHealth.record(tenantId, 'whatsapp', { status: 'unknown' }, actor));
  }

  async setActive(actor: ActorContext, tenantId: string, active: boolean): Promise<WhatsAppConfig> {
    return runInTransaction(this.dataSource, async (tx) => {
      const config = await this.lockConfig(tx.manager, tenantId);
      if (!config) throw noConfig();
      config.isActive = active;
      await tx.manager.save(TenantConfigEntity, config);
      const after = await this.masked(tx.manager, tenantId);
      await this.recordChange(
        tx,
        actor,
        tenantId,
        active ? 'config.activate' : 'config.deactivate',
        config.id,
        { after },
      );
      return after;
    });
  }

  async remove(actor: ActorContext, tenantId: string, action = 'config.delete'): Promise<void> {
    await runInTransaction(this.dataSource, async (tx) => {
      const before = await this.find(tx.manager, tenantId);
      if (!before) throw noConfig();
      await tx.manager.delete(TenantConfigEntity, { tenantId });
      await this.recordChange(tx, actor, tenantId, action, before.config.id, {
        before: toWhatsAppConfig(this.box, before.config, before.phones),
      });
    });
  }

  async listAll(query: AdminConfigListQueryDto): Promise<AdminWhatsAppConfigPage> {
    const { pageSize, offset } = pageWindow(query);
    const qb = this.dataSource
      .getRepository(TenantConfigEntity)
      .createQueryBuilder('c')
      .innerJoin(TenantEntity, 't', 't.id = c.tenant_id')
      .addSelect('t.name', 'tenant_name');
    if (query.active !== undefined) qb.andWhere('c.is_active = :active', { active: query.active });
    if (query.onboarded !== undefined)
      qb.andWhere('c.onboarding_completed = :onboarded', { onboarded: query.onboarded });
    if (query.search) {
      const pattern = `%${escapeLike(query.search.toLowerCase())}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('c.tenant_id LIKE :pattern')
            .orWhere('lower(t.name) LIKE :pattern')
            .orWhere('c.phone_number_id LIKE :pattern'),
        ),
        { pattern },
      );
    }
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id')
      .offset(offset)
      .limit(pageSize)
      .getRawAndEntities();
    const names = new Map(entities.map((c, i) => [c.id, (raw[i] as { tenant_name: string }).tenant_name]));
    const phones = entities.length
      ? await this.dataSource.manager.find(PhoneNumberEntity, {
          where: { configId: In(entities.map((c) => c.id)) },
        })
      : [];
    const items = entities.map((config) => ({
      ...toWhatsAppConfig(
        this.box,
        config,
        phones.filter((p) => p.configId === config.id),
      ),
      tenant_name: names.get(config.id) ?? config.tenantId,
    }));
    return toPage(items, total, query);
  }

  async stats(): Promise<ConfigStats> {
    const q = (sql: string) => this.dataSource.query<Record<string, string>[]>(sql);
    const [[tenants], [configs], crm, llm] = await Promise.all([
      q(`SELECT count(*) AS total, count(*) FILTER (WHERE status = 'active') AS active,
                count(*) FILTER (WHERE status = 'suspended') AS suspended FROM tenants`),
      q(`SELECT count(*) AS total, count(*) FILTER (WHERE is_active) AS active,
                count(*) FILTER (WHERE NOT is_active) AS inactive,
                count(*) FILTER (WHERE onboarding_completed) AS onboarded,
                count(*) FILTER (WHERE token_expires_at >= now() AND token_expires_at < now() + interval '7 days') AS expiring,
                count(*) FILTER (WHERE token_expires_at < now()) AS expired
         FROM tenant_configs`),
      q(`SELECT crm_kind AS key, count(*) AS n FROM tenants GROUP BY crm_kind`),
      q(`SELECT llm_provider AS key, count(*) AS n FROM tenants GROUP BY llm_provider`),
    ]);
    const counts = <K extends string>(rows: Record<string, string>[], keys: readonly K[]) =>
      Object.fromEntries(keys.map((k) => [k, Number(rows.find((r) => r.key === k)?.n ?? 0)])) as Record<
        K,
        number
      >;
    return {
      tenants: {
        total: Number(tenants.total),
        active: Number(tenants.active),
        suspended: Number(tenants.suspended),
      },
      configs: {
        total: Number(configs.total),
        active: Number(configs.active),
        inactive: Number(configs.inactive),
        onboarded: Number(configs.onboarded),
      },
      by_crm: counts(crm, ['zoho', 'hubspot', 'local'] as const),
      by_llm: counts(llm, ['gemini', 'ollama'] as const),
      tokens_expiring: Number(configs.expiring),
      tokens_expired: Number(configs.expired),
    };
  }

  /** Deletes every tenant's WhatsApp config; only with the exact confirmation phrase. */
  async deleteAll(actor: ActorContext, confirmation: string | undefined): Promise<{ deleted: number }> {
    if (confirmation !== DELETE_ALL_CONFIGS_CONFIRMATION) {
      throw badRequest(
        `confirmation must be exactly ${DELETE_ALL_CONFIGS_CONFIRMATION}; nothing was deleted`,
      );
    }
    return runInTransaction(this.dataSource, async (tx) => {
      const tenantIds = (await tx.manager.find(TenantConfigEntity, { select: { tenantId: true } })).map(
        (c) => c.tenantId,
      );
      await tx.manager.query('DELETE FROM tenant_configs');
      await this.audit.record(tx.manager, {
        actor,
        tenantId: null,
        action: 'config.delete_all',
        targetType: 'whatsapp_config',
        after: { deleted: tenantIds.length, tenant_ids: tenantIds },
      });
      tx.afterCommit(() => this.configLoader.invalidate(RESYNC));
      return { deleted: tenantIds.length };
    });
  }

  /** Audits a change of the tenant's config in its transaction; every process re-reads it after commit. */
  private async recordChange(
    tx: Tx,
    actor: ActorContext,
    tenantId: string,
    action: string,
    configId: string,
    change: { before?: unknown; after?: unknown },
  ): Promise<void> {
    await this.audit.record(tx.manager, {
      actor,
      tenantId,
      action,
      targetType: 'whatsapp_config',
      targetId: configId,
      ...change,
    });
    tx.afterCommit(() => this.configLoader.invalidate(tenantId));
  }

  /** A new tenant's config: its own webhook verify token, and its callback URL when the public URL is known. */
  private newConfig(m: EntityManager, tenantId: string, phoneNumberId: string): TenantConfigEntity {
    return m.create(TenantConfigEntity, {
      tenantId,
      phoneNumberId,
      webhookVerifyTokenEnc: this.box.seal(randomBytes(24).toString('base64url')),
      callbackUrl: this.config.core.publicUrl
        ? `${this.config.core.publicUrl}/webhooks/whatsapp/${encodeURIComponent(tenantId)}`
        : null,
    });
  }

  private lockConfig(m: EntityManager, tenantId: string): Promise<TenantConfigEntity | null> {
    return m.findOne(TenantConfigEntity, { where: { tenantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The config and its number's routing row (`phone_numbers`), which webhooks are routed by. */
  private async insertWithPrimaryNumber(m: EntityManager, config: TenantConfigEntity): Promise<void> {
    await m.insert(TenantConfigEntity, config);
    await m.insert(PhoneNumberEntity, {
      tenantId: config.tenantId,
      configId: config.id,
      phoneNumberId: config.phoneNumberId,
      displayPhoneNumber: config.displayPhoneNumber,
      isPrimary: true,
    });
  }

  /** Saves the config and moves its routing row from `previousNumber` to the config's number. */
  private async saveWithPrimaryNumber(
    m: EntityManager,
    config: TenantConfigEntity,
    previousNumber: string,
  ): Promise<void> {
    await m.save(TenantConfigEntity, config);
    await m.update(
      PhoneNumberEntity,
      { configId: config.id, phoneNumberId: previousNumber },
      { phoneNumberId: config.phoneNumberId, displayPhoneNumber: config.displayPhoneNumber },
    );
  }

  private apply(config: TenantConfigEntity, dto: UpdateWhatsAppConfigDto): void {
    if (dto.waba_id !== undefined) config.wabaId = dto.waba_id;
    if (dto.phone_number_id !== undefined) config.phoneNumberId = dto.phone_number_id;
    if (dto.display_phone_number !== undefined) config.displayPhoneNumber = dto.display_phone_number;
    if (dto.business_id !== undefined) config.businessId = dto.business_id;
    if (dto.token_expires_at !== undefined)
      config.tokenExpiresAt = dto.token_expires_at ? new Date(dto.token_expires_at) : null;
    if (dto.fb_app_id !== undefined) config.fbAppId = dto.fb_app_id;
    if (dto.callback_url !== undefined) config.callbackUrl = dto.callback_url;
    if (dto.is_active !== undefined) config.isActive = dto.is_active;
    if (dto.onboarding_completed !== undefined && dto.onboarding_completed !== config.onboardingCompleted) {
      config.onboardingCompleted = dto.onboarding_completed;
      config.onboardingCompletedAt = dto.onboarding_completed ? new Date() : null;
    }
    config.accessTokenEnc = nextSealed(this.box, config.accessTokenEnc ?? null, dto.access_token);
    config.fbAppSecretEnc = nextSealed(this.box, config.fbAppSecretEnc ?? null, dto.fb_app_secret);
    config.webhookVerifyTokenEnc = nextSealed(
      this.box,
      config.webhookVerifyTokenEnc ?? null,
      dto.webhook_verify_token,
    );
  }

  private async assertNumberFree(m: EntityManager, phoneNumberId: string, tenantId: string): Promise<void> {
    const owner = await m.findOne(PhoneNumberEntity, {
      where: { phoneNumberId },
      select: { tenantId: true },
    });
    if (owner && owner.tenantId !== tenantId) throw conflict(NUMBER_TAKEN(phoneNumberId));
  }

  /** Two writers racing for the same number: the database's unique key decides, the loser gets a 409. */
  private async writeGuarded<T>(phoneNumberId: string | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await runInTransaction(this.dataSource, work);
    } catch (error) {
      if (
        isUniqueViolation(error, 'phone_numbers_phone_number_id_key') ||
        isUniqueViolation(error, 'tenant_configs_phone_number_id_key')
      ) {
        throw conflict(NUMBER_TAKEN(phoneNumberId ?? ''));
      }
      if (isUniqueViolation(error, 'tenant_configs_tenant_key')) {
        throw conflict(
          'This tenant already has a WhatsApp configuration; change it with PUT or delete it first',
        );
      }
      throw error;
    }
  }

  private async find(m: EntityManager, tenantId: string) {
    const config = await m.findOne(TenantConfigEntity, { where: { tenantId } });
    if (!config) return null;
    const phones = await m.find(PhoneNumberEntity, { where: { configId: config.id } });
    return { config, phones };
  }

  private async masked(m: EntityManager, tenantId: string): Promise<WhatsAppConfig> {
    const found = await this.find(m, tenantId);
    if (!found) throw noConfig();
    return toWhatsAppConfig(this.box, found.config, found.phones);
  }
}
