import type { ConversationListQuery } from '@parley/shared-types';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/query';

export class ConversationQueryDto extends PageQueryDto implements ConversationListQuery {
  /** Part of the contact's name, phone number or user id. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
