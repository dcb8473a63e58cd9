import { Injectable } from '@nestjs/common';
import type { TenantResponse } from '@parley/shared-types';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { flattenValidationErrors } from '../../common/http/validation.pipe';
import { runInTransaction } from '../../database/transaction';
import { CreateTenantDto } from './dto/tenant.dto';
import { TenantsService } from './tenants.service';

/** One entry of the older single-file setup's tenants.json. */
export interface LegacyTenant {
  tenant_id: string;
  name: string;
  crm?: string;
  zoho?: { client_id?: string; client_secret?: string; accounts_url?: string; api_url?: string };
  hubspot?: { api_key?: string };
  branding?: { welcome_message?: string; logo_url?: string };
}

export class TenantFileError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The tenants file is not valid; nothing was imported:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

export interface ImportReport {
  created: string[];
  updated: string[];
}

const ENTRY_KEYS = ['tenant_id', 'name', 'crm', 'zoho', 'hubspot', 'branding'];

/** Reads and writes the tenants.json of the older single-file setup. */
@Injectable()
export class TenantImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantsService,
  ) {}

  /** Validates the whole file first, then creates or updates every tenant in one transaction. */
  async import(actor: ActorContext, text: string): Promise<ImportReport> {
    const dtos = await parseTenantsFile(text);
    return runInTransaction(this.dataSource, async (tx) => {
      const report: ImportReport = { created: [], updated: [] };
      for (const dto of dtos) {
        const outcome = await this.tenants.upsertWithin(tx, actor, dto, 'tenant.import');
        report[outcome].push(dto.id);
      }
      return report;
    });
  }

  /** The same format, secrets masked, so the file can be shared without leaking credentials. */
  async export(): Promise<{ tenants: LegacyTenant[] }> {
    return { tenants: (await this.tenants.all()).map(toLegacy) };
  }
}

export async function parseTenantsFile(text: string): Promise<CreateTenantDto[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TenantFileError([`the file is not valid JSON: ${(error as Error).message}`]);
  }
  const tenants = (parsed as { tenants?: unknown } | null)?.tenants;
  if (!Array.isArray(tenants)) throw new TenantFileError(['tenants must be an array of tenant objects']);

  const problems: string[] = [];
  const dtos: CreateTenantDto[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of (tenants as unknown[]).entries()) {
    const at = `tenants[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${at} must be an object`);
      continue;
    }
    const { tenant_id, ...rest } = entry as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!ENTRY_KEYS.includes(key))
        problems.push(`${at}.${key} is not a known field (${ENTRY_KEYS.join(', ')})`);
    }
    const dto = plainToInstance(CreateTenantDto, { id: tenant_id, ...rest });
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    for (const message of flattenValidationErrors(errors)) {
      problems.push(
        `${at}.${message.replace(/^id\b/, 'tenant_id').replace(/^property id\b/, 'property tenant_id')}`,
      );
    }
    if (typeof tenant_id === 'string') {
      if (seen.has(tenant_id)) problems.push(`${at}.tenant_id "${tenant_id}" appears more than once`);
      seen.add(tenant_id);
    }
    dtos.push(dto);
  }
  if (problems.length > 0) throw new TenantFileError(problems);
  return dtos;
}

function toLegacy(tenant: TenantResponse): LegacyTenant {
  return {
    tenant_id: tenant.id,
    name: tenant.name,
    crm: tenant.crm,
    zoho: {
      client_id: tenant.zoho.client_id ?? undefined,
      client_secret: tenant.zoho.client_secret ?? undefined,
      accounts_url: tenant.zoho.accounts_url ?? undefined,
      api_url: tenant.zoho.api_url ?? undefined,
    },
    hubspot: { api_key: tenant.hubspot.api_key ?? undefined },
    branding: {
      welcome_message: tenant.branding.welcome_message ?? undefined,
      logo_url: tenant.branding.logo_url ?? undefined,
    },
  };
}
