import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BULK_ACTIONS,
  BULK_MAX_TENANT_IDS,
  CREDENTIAL_STATUSES,
  CRM_KINDS,
  LLM_PROVIDERS,
  TENANT_ID_PATTERN,
  TENANT_STATUSES,
  type BulkAction,
  type BulkTenantFilter,
  type CredentialStatus,
  type CrmKind,
  type LlmProvider,
  type StartBulkOperationRequest,
  type TenantStatus,
} from '@parley/shared-types';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** The tenant list's filters, as a JSON body: "every tenant matching these". */
export class BulkTenantFilterDto implements BulkTenantFilter {
  @ApiPropertyOptional({ description: 'Part of the id or the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: TENANT_STATUSES })
  @IsOptional()
  @IsIn(TENANT_STATUSES, { message: `filter.status must be one of ${TENANT_STATUSES.join(', ')}` })
  status?: TenantStatus;

  @ApiPropertyOptional({ enum: CRM_KINDS })
  @IsOptional()
  @IsIn(CRM_KINDS, { message: `filter.crm must be one of ${CRM_KINDS.join(', ')}` })
  crm?: CrmKind;

  @ApiPropertyOptional({ enum: LLM_PROVIDERS })
  @IsOptional()
  @IsIn(LLM_PROVIDERS, { message: `filter.llm must be one of ${LLM_PROVIDERS.join(', ')}` })
  llm?: LlmProvider;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'filter.onboarded must be true or false' })
  onboarded?: boolean;

  @ApiPropertyOptional({ enum: CREDENTIAL_STATUSES })
  @IsOptional()
  @IsIn(CREDENTIAL_STATUSES, { message: `filter.health must be one of ${CREDENTIAL_STATUSES.join(', ')}` })
  health?: CredentialStatus;
}

export class StartBulkOperationDto implements StartBulkOperationRequest {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: `action must be one of ${BULK_ACTIONS.join(', ')}` })
  action: BulkAction;

  @ApiPropertyOptional({ type: [String], description: 'The tenants, by id; or give `filter` instead' })
  @IsOptional()
  @IsArray({ message: 'tenant_ids must be a list of tenant ids' })
  @ArrayMinSize(1, { message: 'tenant_ids must name at least one tenant' })
  @ArrayMaxSize(BULK_MAX_TENANT_IDS, {
    message: `tenant_ids may name at most ${BULK_MAX_TENANT_IDS} tenants; select by filter for more`,
  })
  @IsString({ each: true, message: 'tenant_ids must hold tenant ids' })
  @Matches(TENANT_ID_PATTERN, { each: true, message: 'tenant_ids must hold tenant ids' })
  tenant_ids?: string[];

  @ApiPropertyOptional({ type: BulkTenantFilterDto, description: 'Every tenant matching these filters' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BulkTenantFilterDto)
  filter?: BulkTenantFilterDto;

  @ApiPropertyOptional({ example: 'DELETE 3 TENANTS', description: 'Required for delete' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  confirmation?: string;
}
