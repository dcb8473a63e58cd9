import { Injectable } from '@nestjs/common';
import type { CredentialStatus } from '@parley/shared-types';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { escapeLike } from '../audit/audit.service';
import { pageWindow } from '../../common/http/query';
import { TenantListQueryDto } from './dto/tenant-list-query.dto';
import { CrmConnectionEntity } from './entities/crm-connection.entity';
import { TenantConfigEntity } from './entities/tenant-config.entity';
import { TenantEntity } from './entities/tenant.entity';

export interface TenantAggregate {
  tenant: TenantEntity;
  crm: CrmConnectionEntity | null;
  config: TenantConfigEntity | null;
}

const SORT_COLUMNS = { name: 'lower(t.name)', id: 't.id', created_at: 't.created_at' } as const;

@Injectable()
export class TenantsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One tenant with its CRM connection and WhatsApp config; `lock` holds the row for an update. */
  async findAggregate(id: string, manager?: EntityManager, lock = false): Promise<TenantAggregate | null> {
    const m = manager ?? this.dataSource.manager;
    const tenant = await m.findOne(TenantEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!tenant) return null;
    const [crm, config] = await Promise.all([
      m.findOne(CrmConnectionEntity, { where: { tenantId: id } }),
      m.findOne(TenantConfigEntity, { where: { tenantId: id } }),
    ]);
    return { tenant, crm, config };
  }

  /** A page of tenants (filters, search, sort) and the total matching, in three indexed queries. */
  async list(query: TenantListQueryDto): Promise<{ items: TenantAggregate[]; total: number }> {
    const { pageSize, offset } = pageWindow(query);
    const qb = this.dataSource.getRepository(TenantEntity).createQueryBuilder('t');
    applyFilters(qb, query);
    const sort = SORT_COLUMNS[query.sort ?? 'name'];
    const order = (query.order ?? (query.sort === 'created_at' ? 'desc' : 'asc')).toUpperCase() as
      'ASC' | 'DESC';
    const [tenants, total] = await qb
      .orderBy(sort, order)
      .addOrderBy('t.id', order)
      .offset(offset)
      .limit(pageSize)
      .getManyAndCount();
    const ids = tenants.map((t) => t.id);
    const [crms, configs] = ids.length
      ? await Promise.all([
          this.dataSource.manager.find(CrmConnectionEntity, { where: { tenantId: In(ids) } }),
          this.dataSource.manager.find(TenantConfigEntity, { where: { tenantId: In(ids) } }),
        ])
      : [[], []];
    const crmBy = new Map(crms.map((c) => [c.tenantId, c]));
    const configBy = new Map(configs.map((c) => [c.tenantId, c]));
    return {
      items: tenants.map((tenant) => ({
        tenant,
        crm: crmBy.get(tenant.id) ?? null,
        config: configBy.get(tenant.id) ?? null,
      })),
      total,
    };
  }

  /** Id and name of every tenant matching the list filters (bulk "select all matching"), by id. */
  async matching(filter: TenantFilter, manager: EntityManager): Promise<{ id: string; name: string }[]> {
    const qb = manager.getRepository(TenantEntity).createQueryBuilder('t').select(['t.id', 't.name']);
    applyFilters(qb, filter);
    return (await qb.orderBy('t.id').getMany()).map((t) => ({ id: t.id, name: t.name }));
  }

  /** Names of the tenants among `ids` that exist. */
  async namesOf(ids: string[], manager: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(TenantEntity, {
      select: { id: true, name: true },
      where: { id: In(ids) },
    });
    return new Map(rows.map((t) => [t.id, t.name]));
  }
}

export type TenantFilter = Pick<
  TenantListQueryDto,
  'search' | 'status' | 'crm' | 'llm' | 'onboarded' | 'health'
>;

/** The list's filters; one definition for the page and for "every tenant matching". */
function applyFilters(qb: SelectQueryBuilder<TenantEntity>, filter: TenantFilter): void {
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search.toLowerCase())}%`;
    qb.andWhere(new Brackets((w) => w.where('t.id LIKE :pattern').orWhere('lower(t.name) LIKE :pattern')), {
      pattern,
    });
  }
  if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
  if (filter.crm) qb.andWhere('t.crm_kind = :crm', { crm: filter.crm });
  if (filter.llm) qb.andWhere('t.llm_provider = :llm', { llm: filter.llm });
  if (filter.onboarded !== undefined) {
    qb.andWhere(
      `${filter.onboarded ? '' : 'NOT '}EXISTS (SELECT 1 FROM tenant_configs c WHERE c.tenant_id = t.id AND c.onboarding_completed)`,
    );
  }
  if (filter.health) qb.andWhere(HEALTH_CONDITIONS[filter.health]);
}

const hasHealth = (statuses: CredentialStatus[]) =>
  `EXISTS (SELECT 1 FROM credential_health h WHERE h.tenant_id = t.id AND h.status IN (${statuses
    .map((s) => `'${s}'`)
    .join(', ')}))`;
const hasNoHealthRow = 'NOT EXISTS (SELECT 1 FROM credential_health h WHERE h.tenant_id = t.id)';

/**
 * The overall status as CredentialHealthService's worstStatus computes it (invalid > expiring >
 * unknown > ok; no row at all is unknown), as semi-joins on credential_health's primary key so the
 * filter stays an index lookup per tenant instead of an aggregate over every tenant.
 */
const HEALTH_CONDITIONS: Record<CredentialStatus, string> = {
  invalid: hasHealth(['invalid']),
  expiring: `${hasHealth(['expiring'])} AND NOT ${hasHealth(['invalid'])}`,
  unknown: `NOT ${hasHealth(['expiring', 'invalid'])} AND (${hasHealth(['unknown'])} OR ${hasNoHealthRow})`,
  ok: `${hasHealth(['ok'])} AND NOT ${hasHealth(['unknown', 'expiring', 'invalid'])}`,
};
