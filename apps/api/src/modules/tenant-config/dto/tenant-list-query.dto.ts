import {
  CREDENTIAL_STATUSES,
  CRM_KINDS,
  LLM_PROVIDERS,
  TENANT_STATUSES,
  type CredentialStatus,
  type CrmKind,
  type LlmProvider,
  type TenantListQuery,
  type TenantStatus,
} from '@parley/shared-types';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { BooleanQuery, PageQueryDto } from '../../../common/http/query';

export class TenantListQueryDto extends PageQueryDto implements TenantListQuery {
  /** Part of the id or the name, any case. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @IsOptional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;

  @IsOptional()
  @IsIn(CRM_KINDS)
  crm?: CrmKind;

  @IsOptional()
  @IsIn(LLM_PROVIDERS)
  llm?: LlmProvider;

  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'onboarded must be true or false' })
  onboarded?: boolean;

  @IsOptional()
  @IsIn(CREDENTIAL_STATUSES, { message: `health must be one of ${CREDENTIAL_STATUSES.join(', ')}` })
  health?: CredentialStatus;

  @IsOptional()
  @IsIn(['name', 'id', 'created_at'])
  sort?: 'name' | 'id' | 'created_at';

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
