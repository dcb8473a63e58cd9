import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PASSWORD_MIN_LENGTH,
  type CreateTenantUserRequest,
  type UpdateTenantUserRequest,
} from '@parley/shared-types';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const PASSWORD_RULE = { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long` };

export class CreateTenantUserDto implements CreateTenantUserRequest {
  @ApiProperty({ example: 'owner@lifecode.in' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'Initial password, at least 10 characters' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, PASSWORD_RULE)
  @MaxLength(200)
  password: string;
}

export class UpdateTenantUserDto implements UpdateTenantUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'A new password (reset), at least 10 characters' })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, PASSWORD_RULE)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
