import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { KnowledgeSource, KnowledgeSourcePage } from '@parley/shared-types';
import { Actor, ActorContext } from '../../../common/auth/actor';
import { TenantAdminOnly, TenantId } from '../../../common/auth/decorators';
import { CreateKnowledgeSourceDto, KnowledgeSourceListQueryDto } from './dto/knowledge-source.dto';
import { KnowledgeService } from './knowledge.service';

/** The tenant's web sites for RAG; crawls run in the background (202), the list shows their progress. */
@ApiTags('tenant')
@TenantAdminOnly()
@Controller('api/v1/tenant/knowledge-sources')
export class KnowledgeSourcesController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get()
  list(
    @TenantId() tenantId: string,
    @Query() query: KnowledgeSourceListQueryDto,
  ): Promise<KnowledgeSourcePage> {
    return this.knowledge.list(tenantId, query);
  }

  @Get(':id')
  get(@TenantId() tenantId: string, @Param('id') id: string): Promise<KnowledgeSource> {
    return this.knowledge.get(tenantId, id);
  }

  @Post()
  @HttpCode(202)
  create(
    @Actor() actor: ActorContext,
    @TenantId() tenantId: string,
    @Body() dto: CreateKnowledgeSourceDto,
  ): Promise<KnowledgeSource> {
    return this.knowledge.create(actor, tenantId, dto);
  }

  @Post(':id/recrawl')
  @HttpCode(202)
  recrawl(
    @Actor() actor: ActorContext,
    @TenantId() tenantId: string,
    @Param('id') id: string,
  ): Promise<KnowledgeSource> {
    return this.knowledge.recrawl(actor, tenantId, id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Actor() actor: ActorContext, @TenantId() tenantId: string, @Param('id') id: string): Promise<void> {
    return this.knowledge.remove(actor, tenantId, id);
  }
}
