import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WhatsAppConfigWrite } from '@parley/shared-types';
import {
  IsBoolean,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsNotMasked } from '../../../common/http/not-masked.validator';

const META_ID = /^\d{1,32}$/;
const NullableOptional = () => ValidateIf((_, value) => value !== null && value !== undefined);

/** Partial update: every field optional; null clears a nullable one; secrets are write-only. */
export class UpdateWhatsAppConfigDto implements WhatsAppConfigWrite {
  @ApiPropertyOptional({ example: '102290129340398' })
  @NullableOptional()
  @Matches(META_ID, { message: 'waba_id must be the numeric WhatsApp Business Account id' })
  waba_id?: string | null;

  @ApiPropertyOptional({ example: '106540352242922' })
  @IsOptional()
  @Matches(META_ID, { message: 'phone_number_id must be the numeric phone number id from Meta' })
  phone_number_id?: string;

  @ApiPropertyOptional({ example: '+1 555-078-3881' })
  @NullableOptional()
  @IsString()
  @MaxLength(40)
  display_phone_number?: string | null;

  @ApiPropertyOptional()
  @NullableOptional()
  @Matches(META_ID, { message: 'business_id must be the numeric Meta business id' })
  business_id?: string | null;

  @ApiPropertyOptional({ description: 'Write-only' })
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'access_token is too short to be a Meta access token' })
  @MaxLength(4096)
  @IsNotMasked()
  access_token?: string;

  @ApiPropertyOptional()
  @NullableOptional()
  @IsISO8601({}, { message: 'token_expires_at must be an ISO 8601 time' })
  token_expires_at?: string | null;

  @ApiPropertyOptional()
  @NullableOptional()
  @Matches(META_ID, { message: 'fb_app_id must be the numeric Meta app id' })
  fb_app_id?: string | null;

  @ApiPropertyOptional({ description: 'Write-only' })
  @NullableOptional()
  @IsString()
  @MaxLength(200)
  @IsNotMasked()
  fb_app_secret?: string | null;

  @ApiPropertyOptional({ description: 'Write-only; generated when the config is created without one' })
  @NullableOptional()
  @IsString()
  @MinLength(8, { message: 'webhook_verify_token must be at least 8 characters' })
  @MaxLength(200)
  @IsNotMasked()
  webhook_verify_token?: string | null;

  @ApiPropertyOptional({ example: 'https://parley.example.com/webhooks/whatsapp/lifecode_india' })
  @NullableOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'callback_url must be an http(s) URL' },
  )
  @MaxLength(2048)
  callback_url?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  onboarding_completed?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  is_active?: boolean;
}

export class CreateWhatsAppConfigDto extends UpdateWhatsAppConfigDto {
  @ApiProperty({ example: '106540352242922' })
  @Matches(META_ID, { message: 'phone_number_id must be the numeric phone number id from Meta' })
  declare phone_number_id: string;

  @ApiProperty({ description: 'Write-only' })
  @IsString()
  @MinLength(10, { message: 'access_token is too short to be a Meta access token' })
  @MaxLength(4096)
  @IsNotMasked()
  declare access_token: string;
}
