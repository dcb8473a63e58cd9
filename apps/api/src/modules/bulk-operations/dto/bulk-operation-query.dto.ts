import { BULK_ITEM_STATUSES, type BulkItemStatus, type BulkOperationItemQuery } from '@parley/shared-types';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/http/query';

export class BulkOperationItemQueryDto extends PageQueryDto implements BulkOperationItemQuery {
  @IsOptional()
  @IsIn(BULK_ITEM_STATUSES, { message: `status must be one of ${BULK_ITEM_STATUSES.join(', ')}` })
  status?: BulkItemStatus;
}

export class BulkOperationListQueryDto extends PageQueryDto {}
