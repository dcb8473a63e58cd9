import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BulkOperation, BulkOperationItemPage, BulkOperationPage } from '@parley/shared-types';
import { Actor, ActorContext } from '../../common/auth/actor';
import { PlatformAdminOnly } from '../../common/auth/decorators';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { BulkOperationsService } from './bulk-operations.service';
import { BulkOperationItemQueryDto, BulkOperationListQueryDto } from './dto/bulk-operation-query.dto';
import { StartBulkOperationDto } from './dto/start-bulk-operation.dto';

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin')
export class BulkOperationsController {
  constructor(private readonly bulk: BulkOperationsService) {}

  /** Starts a background operation on many tenants (by id or by filter); 202 with its progress. */
  @Post('tenants/bulk')
  @HttpCode(202)
  start(@Actor() actor: ActorContext, @Body() dto: StartBulkOperationDto): Promise<BulkOperation> {
    return this.bulk.start(actor, dto);
  }

  @Get('bulk-operations')
  list(@Query() query: BulkOperationListQueryDto): Promise<BulkOperationPage> {
    return this.bulk.list(query);
  }

  @Get('bulk-operations/:id')
  get(@Param('id') id: string): Promise<BulkOperation> {
    return this.bulk.get(id);
  }

  /** Each tenant's result, `?status=failed` for the failures. */
  @Get('bulk-operations/:id/items')
  items(@Param('id') id: string, @Query() query: BulkOperationItemQueryDto): Promise<BulkOperationItemPage> {
    return this.bulk.items(id, query);
  }

  @Post('bulk-operations/:id/cancel')
  @HttpCode(200)
  cancel(@Actor() actor: ActorContext, @Param('id') id: string): Promise<BulkOperation> {
    return this.bulk.cancel(actor, id);
  }
}
