import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openSealed } from '../../common/crypto/secrets';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { NotificationHub, RESYNC } from '../../database/notification-hub';
import { CrmConnectionEntity } from './entities/crm-connection.entity';
import { PhoneNumberEntity } from './entities/phone-number.entity';
import { TenantConfigEntity } from './entities/tenant-config.entity';
import { TenantEntity } from './entities/tenant.entity';
import { EnvWhatsApp, LoadedTenant, TenantConfigView } from './tenant-config-view';

const CHANNEL = 'parley_config';
/** A safety net only: every change is pushed to every replica at once through LISTEN/NOTIFY. */
const TTL_MS = 5 * 60_000;

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Reads a tenant's runtime configuration (profile, WhatsApp, CRM credentials), database first,
 * then `.env`, then nothing. Results are cached per process; any write anywhere calls
 * `invalidate`, which every replica hears, so an update is used at once everywhere.
 */
@Injectable()
export class ConfigLoader implements OnModuleInit {
  private readonly byTenant = new Map<string, Entry<LoadedTenant | null>>();
  private readonly tenantByPhone = new Map<string, Entry<string | null>>();
  private readonly inflight = new Map<string, Promise<LoadedTenant | null>>();
  /** Bumped by every invalidation, so a load that started before it never caches stale data. */
  private generation = 0;
  private readonly env: EnvWhatsApp;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly hub: NotificationHub,
  ) {
    this.env = { ...config.whatsapp, appId: config.meta.appId, appSecret: config.meta.appSecret };
  }

  async onModuleInit(): Promise<void> {
    await this.hub.subscribe(CHANNEL, (tenantId) => this.drop(tenantId));
  }

  /** The tenant's configuration, or null when the tenant does not exist. */
  async forTenant(tenantId: string): Promise<LoadedTenant | null> {
    const cached = this.byTenant.get(tenantId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const running = this.inflight.get(tenantId);
    if (running) return running;
    const generation = this.generation;
    const load = this.load(tenantId)
      .then((value) => {
        if (generation === this.generation)
          this.byTenant.set(tenantId, { value, expiresAt: Date.now() + TTL_MS });
        return value;
      })
      .finally(() => this.inflight.delete(tenantId));
    this.inflight.set(tenantId, load);
    return load;
  }

  /** The tenant a business phone number routes to (any of its numbers), or null when none does. */
  async forPhoneNumberId(phoneNumberId: string): Promise<LoadedTenant | null> {
    const tenantId = await this.tenantIdForPhone(phoneNumberId);
    return tenantId ? this.forTenant(tenantId) : null;
  }

  /** Bypasses the cache (benchmarks, health checks that must see the database). */
  loadUncached(tenantId: string): Promise<LoadedTenant | null> {
    return this.load(tenantId);
  }

  /** Call after a committed change; every replica, this one included, drops what it cached. */
  async invalidate(tenantId: string): Promise<void> {
    this.drop(tenantId);
    await this.hub.publish(CHANNEL, tenantId);
  }

  private drop(tenantId: string): void {
    this.generation += 1;
    if (tenantId === RESYNC) this.byTenant.clear();
    else this.byTenant.delete(tenantId);
    // A change may add, move or remove numbers of any tenant; the number index is cheap to rebuild.
    this.tenantByPhone.clear();
  }

  private async tenantIdForPhone(phoneNumberId: string): Promise<string | null> {
    const cached = this.tenantByPhone.get(phoneNumberId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const generation = this.generation;
    const row = await this.dataSource.manager.findOne(PhoneNumberEntity, {
      where: { phoneNumberId },
      select: { tenantId: true },
    });
    const tenantId =
      row?.tenantId ??
      (this.env.phoneId === phoneNumberId && this.config.whatsapp.defaultTenant
        ? this.config.whatsapp.defaultTenant
        : null);
    if (generation === this.generation) {
      this.tenantByPhone.set(phoneNumberId, { value: tenantId, expiresAt: Date.now() + TTL_MS });
    }
    return tenantId;
  }

  private async load(tenantId: string): Promise<LoadedTenant | null> {
    const manager = this.dataSource.manager;
    const tenant = await manager.findOne(TenantEntity, { where: { id: tenantId } });
    if (!tenant) return null;
    const [crm, config, phones] = await Promise.all([
      manager.findOne(CrmConnectionEntity, { where: { tenantId } }),
      manager.findOne(TenantConfigEntity, { where: { tenantId } }),
      manager.find(PhoneNumberEntity, { where: { tenantId }, select: { phoneNumberId: true } }),
    ]);
    const open = (sealed: string | null | undefined) => openSealed(this.box, sealed);
    const stored = config
      ? {
          isActive: config.isActive,
          onboardingCompleted: config.onboardingCompleted,
          wabaId: config.wabaId,
          phoneNumberId: config.phoneNumberId,
          phoneNumberIds: phones.map((p) => p.phoneNumberId),
          displayPhoneNumber: config.displayPhoneNumber,
          businessId: config.businessId,
          accessToken: open(config.accessTokenEnc),
          tokenExpiresAt: config.tokenExpiresAt,
          appId: config.fbAppId,
          appSecret: open(config.fbAppSecretEnc),
          verifyToken: open(config.webhookVerifyTokenEnc),
          callbackUrl: config.callbackUrl,
        }
      : null;
    return {
      profile: {
        id: tenant.id,
        name: tenant.name,
        status: tenant.status,
        defaultCountry: tenant.defaultCountry,
        welcomeMessage: tenant.welcomeMessage,
        logoUrl: tenant.logoUrl,
        crmKind: tenant.crmKind,
        llm: {
          provider: tenant.llmProvider,
          model: tenant.llmModel,
          allowSwitch: tenant.llmAllowSwitch,
          systemPrompt: tenant.llmSystemPrompt,
        },
        botTexts: { ...tenant.botTexts },
        leadCapture: { allowSkipEmail: tenant.leadCaptureAllowSkipEmail },
      },
      whatsapp: new TenantConfigView(tenantId, stored, this.env),
      crm: {
        zoho: {
          clientId: crm?.zohoClientId ?? null,
          clientSecret: open(crm?.zohoClientSecretEnc),
          accountsUrl: crm?.zohoAccountsUrl ?? null,
          apiUrl: crm?.zohoApiUrl ?? null,
          refreshToken: open(crm?.zohoRefreshTokenEnc),
        },
        hubspot: { apiKey: open(crm?.hubspotApiKeyEnc) },
      },
      llm: { geminiApiKey: open(tenant.llmGeminiApiKeyEnc) },
    };
  }
}
