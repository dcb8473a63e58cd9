import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BOT_TEXT_KEYS,
  CRM_KINDS,
  LLM_PROVIDERS,
  TENANT_ID_PATTERN,
  TENANT_STATUSES,
  type CrmKind,
  type LlmProvider,
  type TenantStatus,
} from '@parley/shared-types';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNotMasked } from '../../../common/http/not-masked.validator';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
/** Null clears a nullable field; absent leaves it unchanged. */
const NullableOptional = () => ValidateIf((_, value) => value !== null && value !== undefined);

export class BrandingDto {
  @ApiPropertyOptional({ example: 'Welcome to Lifecode! How can we help?' })
  @NullableOptional()
  @IsString()
  @MaxLength(4096, { message: 'welcome_message must be at most 4096 characters (the WhatsApp text limit)' })
  welcome_message?: string | null;

  @ApiPropertyOptional({ example: 'https://example.com/logo.png' })
  @NullableOptional()
  @IsUrl(URL_OPTIONS, { message: 'logo_url must be an http(s) URL of the image' })
  @MaxLength(2048)
  logo_url?: string | null;
}

export class ZohoDto {
  @ApiPropertyOptional()
  @NullableOptional()
  @IsString()
  @MaxLength(200)
  client_id?: string | null;

  @ApiPropertyOptional({ description: 'Write-only' })
  @NullableOptional()
  @IsString()
  @MaxLength(500)
  @IsNotMasked()
  client_secret?: string | null;

  @ApiPropertyOptional({ example: 'https://accounts.zoho.in' })
  @NullableOptional()
  @IsUrl(URL_OPTIONS, { message: 'accounts_url must be the http(s) URL of a Zoho accounts server' })
  @MaxLength(500)
  accounts_url?: string | null;

  @ApiPropertyOptional({ example: 'https://www.zohoapis.in' })
  @NullableOptional()
  @IsUrl(URL_OPTIONS, { message: 'api_url must be the http(s) URL of a Zoho API domain' })
  @MaxLength(500)
  api_url?: string | null;

  @ApiPropertyOptional({ description: 'Write-only' })
  @NullableOptional()
  @IsString()
  @MaxLength(2000)
  @IsNotMasked()
  refresh_token?: string | null;
}

export class HubSpotDto {
  @ApiPropertyOptional({ description: 'Private app token. Write-only' })
  @NullableOptional()
  @IsString()
  @MaxLength(2000)
  @IsNotMasked()
  api_key?: string | null;
}

export class LlmDto {
  @ApiPropertyOptional({ enum: LLM_PROVIDERS })
  @IsOptional()
  @IsIn(LLM_PROVIDERS, { message: `provider must be one of ${LLM_PROVIDERS.join(', ')}` })
  provider?: LlmProvider;

  @ApiPropertyOptional({ example: 'gemini-2.5-flash-lite' })
  @NullableOptional()
  @IsString()
  @MaxLength(100)
  model?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  allow_switch?: boolean;

  @ApiPropertyOptional()
  @NullableOptional()
  @IsString()
  @MaxLength(8000)
  system_prompt?: string | null;

  @ApiPropertyOptional({ description: "The tenant's own Gemini API key. Write-only" })
  @NullableOptional()
  @IsString()
  @MaxLength(500)
  @IsNotMasked()
  gemini_api_key?: string | null;
}

export class LeadCaptureDto {
  @ApiPropertyOptional({ description: 'Whether a new contact may skip the email question' })
  @IsOptional()
  @IsBoolean()
  allow_skip_email?: boolean;
}

const BOT_TEXT_MAX = 4096;

/**
 * `bot_texts`: an object whose keys are BOT_TEXT_KEYS and whose values are texts (null or ""
 * restores the default). Unknown keys are named in the 400, so a typo is not silently ignored.
 */
function IsBotTexts(): PropertyDecorator {
  return ValidateBy({
    name: 'isBotTexts',
    validator: {
      validate: (value: unknown) => botTextsProblem(value) === null,
      defaultMessage: (args) => `bot_texts ${botTextsProblem(args?.value)}`,
    },
  });
}

export function botTextsProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `must be an object whose keys are ${BOT_TEXT_KEYS.join(', ')}`;
  const known = new Set<string>(BOT_TEXT_KEYS);
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length) {
    return `has unknown keys: ${unknown.join(', ')} (allowed: ${BOT_TEXT_KEYS.join(', ')})`;
  }
  const bad = Object.entries(value).filter(
    ([, text]) => text !== null && (typeof text !== 'string' || text.length > BOT_TEXT_MAX),
  );
  if (bad.length) {
    return `values must be texts of at most ${BOT_TEXT_MAX} characters (or null for the default): ${bad
      .map(([key]) => key)
      .join(', ')}`;
  }
  return null;
}

export class ReengagementTemplateDto {
  @ApiProperty({ example: 'hello_again' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,512}$/, {
    message: 'reengagement_template.name must be a WhatsApp template name: lower-case letters, digits and _',
  })
  name: string;

  @ApiProperty({ example: 'en_US' })
  @IsString()
  @Matches(/^[a-z]{2,3}(_[A-Z]{2})?$/, {
    message: 'reengagement_template.language must be a template language code such as en or en_US',
  })
  language: string;
}

/** Everything of a tenant a tenant admin may change: no id, no status. */
export class TenantSettingsDto {
  @ApiPropertyOptional({ example: 'Lifecode India' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    example: 'IN',
    description: 'ISO 3166-1 alpha-2 country for national phone numbers',
  })
  @NullableOptional()
  @IsISO31661Alpha2({
    message: 'default_country must be an ISO 3166-1 alpha-2 country code such as IN or US',
  })
  default_country?: string | null;

  @ApiPropertyOptional({ type: BrandingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BrandingDto)
  branding?: BrandingDto;

  @ApiPropertyOptional({ enum: CRM_KINDS })
  @IsOptional()
  @IsIn(CRM_KINDS, { message: `crm must be one of ${CRM_KINDS.join(', ')}` })
  crm?: CrmKind;

  @ApiPropertyOptional({ type: ZohoDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ZohoDto)
  zoho?: ZohoDto;

  @ApiPropertyOptional({ type: HubSpotDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => HubSpotDto)
  hubspot?: HubSpotDto;

  @ApiPropertyOptional({ type: LlmDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LlmDto)
  llm?: LlmDto;

  @ApiPropertyOptional({ type: ReengagementTemplateDto, nullable: true })
  @NullableOptional()
  @ValidateNested()
  @Type(() => ReengagementTemplateDto)
  reengagement_template?: ReengagementTemplateDto | null;

  @ApiPropertyOptional({
    description: `Overrides of the bot's texts; keys: ${BOT_TEXT_KEYS.join(', ')}; null restores a default`,
    example: { ask_name: 'Hi! What is your full name?' },
  })
  @IsOptional()
  @IsBotTexts()
  bot_texts?: Record<string, string | null>;

  @ApiPropertyOptional({ type: LeadCaptureDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadCaptureDto)
  lead_capture?: LeadCaptureDto;
}

export class UpdateTenantDto extends TenantSettingsDto {
  @ApiPropertyOptional({ enum: TENANT_STATUSES })
  @IsOptional()
  @IsIn(TENANT_STATUSES, { message: `status must be one of ${TENANT_STATUSES.join(', ')}` })
  status?: TenantStatus;
}

export class CreateTenantDto extends UpdateTenantDto {
  @ApiProperty({ example: 'lifecode_india', pattern: TENANT_ID_PATTERN.source })
  @IsString()
  @Matches(TENANT_ID_PATTERN, {
    message:
      'id must be 2-63 characters: lower-case letters, digits, "_" or "-", starting with a letter or digit',
  })
  id: string;

  @ApiProperty({ example: 'Lifecode India' })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  declare name: string;
}
