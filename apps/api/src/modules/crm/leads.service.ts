import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CreateLeadRequest, Lead, LeadPage, LeadSyncState } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { badRequest, conflict, notFound } from '../../common/http/domain-error';
import { pageWindow, toPage } from '../../common/http/query';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { runInTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import { CrmConnectionHealth } from './crm-connection-health';
import { CRM_PROVIDER_FACTORY, type CrmLead, type CrmProviderFactory } from './crm-provider.port';
import { LeadListQueryDto } from './dto/lead.dto';
import { LeadEntity } from './entities/lead.entity';
import { LeadInput, normaliseLead } from './lead-input';
import { toLead } from './lead.mapper';
import { LeadSyncWorker } from './lead-sync.worker';
import { fromE164, phoneFromWhatsAppId } from './lead-parser';
import { LeadsRepository } from './leads.repository';

export interface CapturedLead {
  lead: Lead;
  /** False when the tenant already had a lead with this phone (that one is returned). */
  created: boolean;
}

/** A person the tenant knows, from its CRM or, when the CRM has no match or cannot be asked, from Parley's own list. */
export interface KnownLead extends CrmLead {
  origin: 'crm' | 'local';
  /** Where Parley's own copy stands, when it has one. */
  syncState: LeadSyncState | null;
}

/**
 * Leads, for the conversation engine and the tenant API. Nothing is lost: every lead is stored
 * in Parley's `leads` table and its CRM write is enqueued in the same transaction; the outbox
 * worker retries until the CRM has it, exactly once.
 */
@Injectable()
export class LeadsService {
  private readonly logger = new Logger('Leads');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CRM_PROVIDER_FACTORY) private readonly providers: CrmProviderFactory,
    private readonly dataSource: DataSource,
    private readonly configLoader: ConfigLoader,
    private readonly leads: LeadsRepository,
    private readonly health: CrmConnectionHealth,
    private readonly outbox: LeadSyncWorker,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a lead the bot captured and queues its CRM write. Idempotent per phone: capturing the
   * same person again returns the lead already stored. Throws a 400 whose message is the parser's
   * re-ask text when the phone, name or email cannot be read.
   */
  async captureLead(tenantId: string, input: LeadInput): Promise<CapturedLead> {
    const { lead, created } = await this.store(tenantId, input, { whatsAppIds: true });
    return { lead: toLead(lead), created };
  }

  /**
   * Looks a person up by phone (E.164 or WhatsApp id) in the tenant's CRM. When the CRM has no
   * match, or cannot be asked (down, rate limited, credentials broken), Parley's own list answers:
   * it holds every lead captured, synced or not yet.
   */
  async findLeadByPhone(tenantId: string, phone: string): Promise<KnownLead | null> {
    const e164 = lookupPhone(phone);
    if (!e164) return null;
    const provider = await this.providers.forTenant(tenantId);
    const local = await this.leads.findByPhone(tenantId, e164);
    if (provider.kind !== 'local') {
      try {
        const found = await provider.findLeadByPhone(e164);
        if (found) return { ...found, origin: 'crm', syncState: local?.syncState ?? null };
      } catch (error) {
        this.logger.warn(
          { tenantId, err: errorSummary(error) },
          'CRM lookup failed; answering from the lead list',
        );
      }
    }
    if (!local) return null;
    return {
      id: local.crmId ?? local.id,
      firstName: local.firstName,
      lastName: local.lastName,
      email: local.email,
      phone: local.phone,
      origin: 'local',
      syncState: local.syncState,
    };
  }

  async list(tenantId: string, query: LeadListQueryDto): Promise<LeadPage> {
    const { offset, pageSize } = pageWindow(query);
    const [rows, total] = await this.leads.list(tenantId, { state: query.state, offset, limit: pageSize });
    return toPage(rows.map(toLead), total, query);
  }

  async get(tenantId: string, id: string): Promise<Lead> {
    return toLead(await this.require(tenantId, id));
  }

  /** A lead added by hand in the admin app: a second lead with the same phone is refused. */
  async create(actor: ActorContext, tenantId: string, request: CreateLeadRequest): Promise<Lead> {
    if (!request.name?.trim() && !request.first_name?.trim()) {
      throw badRequest('name or first_name is required');
    }
    const { lead } = await this.store(
      tenantId,
      {
        phone: request.phone,
        name: request.name,
        firstName: request.first_name,
        lastName: request.last_name,
        email: request.email,
        source: request.source,
      },
      { whatsAppIds: false, actor },
    );
    return toLead(lead);
  }

  /** Puts a pending or failed lead back in the queue now, with a fresh budget of attempts. */
  async retry(actor: ActorContext, tenantId: string, id: string): Promise<Lead> {
    return runInTransaction(this.dataSource, async (tx) => {
      const before = await this.require(tenantId, id, tx.manager);
      if (before.syncState === 'synced') throw conflict(`Lead ${id} is already in the CRM`);
      await this.leads.reopen(tx.manager, tenantId, id);
      await this.outbox.enqueue(tx, tenantId, id);
      const after = toLead(await this.require(tenantId, id, tx.manager));
      await this.audit.record(tx.manager, {
        actor,
        tenantId,
        action: 'lead.retry',
        targetType: 'lead',
        targetId: id,
        before: { sync_state: before.syncState, last_error: before.lastError, attempts: before.attempts },
        after: { sync_state: after.sync_state },
      });
      return after;
    });
  }

  private async store(
    tenantId: string,
    input: LeadInput,
    options: { whatsAppIds: boolean; actor?: ActorContext },
  ): Promise<{ lead: LeadEntity; created: boolean }> {
    const tenant = await this.configLoader.forTenant(tenantId);
    if (!tenant) throw notFound(`Tenant "${tenantId}"`);
    const { leadSource } = await this.health.read(tenantId);
    const lead = normaliseLead(input, {
      country: tenant.profile.defaultCountry,
      whatsAppIds: options.whatsAppIds,
      defaultSource: leadSource ?? this.config.crm.leadSource,
    });
    const crmKind = tenant.profile.crmKind;
    return runInTransaction(this.dataSource, async (tx) => {
      const stored = await this.leads.insertIfAbsent(tx.manager, { tenantId, crmKind, ...lead });
      if (!stored.created) {
        if (options.actor) throw conflict(`A lead with phone ${lead.phone} already exists`);
        return stored;
      }
      if (crmKind !== 'local') await this.outbox.enqueue(tx, tenantId, stored.lead.id);
      if (options.actor) {
        await this.audit.record(tx.manager, {
          actor: options.actor,
          tenantId,
          action: 'lead.create',
          targetType: 'lead',
          targetId: stored.lead.id,
          // No name, email or phone: audit events outlive the tenant and its leads.
          after: { crm: stored.lead.crmKind, sync_state: stored.lead.syncState, source: stored.lead.source },
        });
      }
      return stored;
    });
  }

  private async require(
    tenantId: string,
    id: string,
    manager = this.dataSource.manager,
  ): Promise<LeadEntity> {
    const lead = isUuid(id) ? await this.leads.find(tenantId, id, manager) : null;
    if (!lead) throw notFound(`Lead ${id}`);
    return lead;
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** E.164 from an E.164 number or a WhatsApp id; null for anything else. */
function lookupPhone(phone: string): string | null {
  const raw = String(phone ?? '').trim();
  if (raw.startsWith('+')) return fromE164(raw.replace(/[^\d+]/g, ''))?.e164 ?? null;
  const parsed = phoneFromWhatsAppId(raw);
  return parsed.ok ? parsed.e164 : null;
}

function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
