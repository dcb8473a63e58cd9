import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { BooleanQuery, PageQueryDto } from '../../../common/http/query';

export class AdminConfigListQueryDto extends PageQueryDto {
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'onboarded must be true or false' })
  onboarded?: boolean;

  /** Part of the tenant id or name, or a phone number id. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class DeleteAllConfigsQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  confirmation?: string;
}
