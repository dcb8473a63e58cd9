import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LEAD_SYNC_STATES,
  type CreateLeadRequest,
  type LeadListQuery,
  type LeadSyncState,
  type UpdateCrmSettingsRequest,
} from '@parley/shared-types';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/http/query';

export class LeadListQueryDto extends PageQueryDto implements LeadListQuery {
  @ApiPropertyOptional({ enum: LEAD_SYNC_STATES })
  @IsOptional()
  @IsIn(LEAD_SYNC_STATES, { message: `state must be one of ${LEAD_SYNC_STATES.join(', ')}` })
  state?: LeadSyncState;
}

export class CreateLeadDto implements CreateLeadRequest {
  @ApiPropertyOptional({ example: 'ana maría de la cruz', description: 'Split into first and last name' })
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @MaxLength(300, { message: 'name must be at most 300 characters' })
  name?: string;

  @ApiPropertyOptional({ example: 'Ana María' })
  @IsOptional()
  @IsString({ message: 'first_name must be text' })
  @MaxLength(100, { message: 'first_name must be at most 100 characters' })
  first_name?: string;

  @ApiPropertyOptional({ example: 'de la Cruz' })
  @IsOptional()
  @IsString({ message: 'last_name must be text' })
  @MaxLength(100, { message: 'last_name must be at most 100 characters' })
  last_name?: string;

  @ApiPropertyOptional({ example: 'ana@example.com', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString({ message: 'email must be text' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email?: string | null;

  @ApiProperty({ example: '+91 98765 43210', description: "Read with the tenant's default country" })
  @IsString({ message: 'phone must be text, e.g. "+91 98765 43210"' })
  @MaxLength(50, { message: 'phone must be at most 50 characters' })
  phone: string;

  @ApiPropertyOptional({ example: 'Trade Show', description: "Zoho Lead_Source; default: the tenant's" })
  @IsOptional()
  @IsString({ message: 'source must be text' })
  @MaxLength(120, { message: 'source must be at most 120 characters' })
  source?: string;
}

export class UpdateCrmSettingsDto implements UpdateCrmSettingsRequest {
  @ApiPropertyOptional({
    example: 'Chat',
    nullable: true,
    description: "A value of Zoho's Lead Source picklist; null: the platform default",
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString({ message: 'lead_source must be text' })
  @MaxLength(120, { message: 'lead_source must be at most 120 characters' })
  lead_source?: string | null;
}
