import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import type { PlaygroundMessageRequest } from '@parley/shared-types';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const PHONE_DIGITS = /^\d{6,15}$/;

export class PlaygroundMessageDto implements PlaygroundMessageRequest {
  @ApiProperty({ example: '919876543210' })
  @Matches(PHONE_DIGITS, { message: 'from must be a phone number: 6 to 15 digits with country code, no +' })
  from: string;

  @ApiProperty({ example: 'Hello' })
  @IsString()
  @IsNotEmpty({ message: 'text must not be empty' })
  @MaxLength(4096, { message: 'text must be at most 4096 characters (the WhatsApp text limit)' })
  text: string;

  @ApiPropertyOptional({ example: 'Asha' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  profile_name?: string;
}

export class PlaygroundResetDto {
  @ApiProperty({ example: '919876543210' })
  @Matches(PHONE_DIGITS, { message: 'from must be a phone number: 6 to 15 digits with country code, no +' })
  from: string;
}
