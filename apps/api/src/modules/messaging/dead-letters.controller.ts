import { Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DeadLetter, DeadLetterPage } from '@parley/shared-types';
import { PlatformAdminOnly } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/http/query';
import { AdminRateLimitGuard } from '../../common/rate-limit/admin-rate-limit.guard';
import { DeadLettersService } from './dead-letters.service';

@ApiTags('admin')
@PlatformAdminOnly()
@UseGuards(AdminRateLimitGuard)
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query() query: PageQueryDto): Promise<DeadLetterPage> {
    return this.deadLetters.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<DeadLetter> {
    return this.deadLetters.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  replay(@Param('id') id: string): Promise<{ job_id: string | null }> {
    return this.deadLetters.replay(id);
  }

  @Delete(':id')
  @HttpCode(204)
  discard(@Param('id') id: string): Promise<void> {
    return this.deadLetters.discard(id);
  }
}
