import type { CreateKnowledgeSourceRequest } from '@parley/shared-types';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../../common/http/query';

export class CreateKnowledgeSourceDto implements CreateKnowledgeSourceRequest {
  @IsString()
  @IsNotEmpty({ message: 'url is required' })
  @MaxLength(2048)
  url: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'crawl_depth must be a whole number' })
  @Min(0, { message: 'crawl_depth must be between 0 and 3' })
  @Max(3, { message: 'crawl_depth must be between 0 and 3' })
  crawl_depth?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page_limit must be a whole number' })
  @Min(1, { message: 'page_limit must be between 1 and 200' })
  @Max(200, { message: 'page_limit must be between 1 and 200' })
  page_limit?: number;
}

export class KnowledgeSourceListQueryDto extends PageQueryDto {}
