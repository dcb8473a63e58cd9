import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WhatsAppOnboardRequest } from '@parley/shared-types';
import { IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';

const META_ID = /^\d{1,32}$/;

/** What the admin app sends when Embedded Signup finishes: the code and the session's ids. */
export class WhatsAppOnboardDto implements WhatsAppOnboardRequest {
  @ApiProperty({ description: 'response.authResponse.code from FB.login; lives about 30 seconds' })
  @IsString()
  @MinLength(8)
  @MaxLength(4096)
  code: string;

  @ApiProperty({ example: '102290129340398' })
  @Matches(META_ID, { message: 'waba_id must be the numeric WhatsApp Business Account id' })
  waba_id: string;

  @ApiProperty({ example: '106540352242922' })
  @Matches(META_ID, { message: 'phone_number_id must be the numeric phone number id from Meta' })
  phone_number_id: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(META_ID, { message: 'business_id must be the numeric Meta business id' })
  business_id?: string;

  @ApiPropertyOptional({ description: 'Only when the code came from a manual redirect, not the JS SDK' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  redirect_uri?: string;
}
