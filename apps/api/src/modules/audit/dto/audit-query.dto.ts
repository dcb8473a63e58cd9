import type { AuditQuery } from '@parley/shared-types';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/query';

export class AuditQueryDto extends PageQueryDto implements AuditQuery {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tenant_id?: string;

  /** Part of the actor's email. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  actor?: string;

  /** An action or its prefix, e.g. `tenant.` or `config.reveal`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsISO8601({}, { message: 'from must be an ISO 8601 date or time' })
  from?: string;

  @IsOptional()
  @IsISO8601({}, { message: 'to must be an ISO 8601 date or time' })
  to?: string;
}

/** Tenants see only their own events, so they cannot filter by tenant. */
export class TenantAuditQueryDto extends PageQueryDto implements Omit<AuditQuery, 'tenant_id'> {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  actor?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsISO8601({}, { message: 'from must be an ISO 8601 date or time' })
  from?: string;

  @IsOptional()
  @IsISO8601({}, { message: 'to must be an ISO 8601 date or time' })
  to?: string;
}
