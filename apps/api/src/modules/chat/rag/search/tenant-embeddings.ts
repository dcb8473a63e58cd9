import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { LLM_PROVIDER_FACTORY, type EmbeddingProvider, type LlmProviderFactory } from '../../llm/llm.port';

/**
 * The tenant's embedding provider, or null: no LLM factory bound (RAG alone), nothing
 * configured, or the vendor unreachable. Null means keyword search, never an error.
 */
@Injectable()
export class TenantEmbeddings {
  private readonly logger = new Logger('Knowledge');

  constructor(
    @Optional() @Inject(LLM_PROVIDER_FACTORY) private readonly factory: LlmProviderFactory | null,
  ) {}

  async forTenant(tenantId: string): Promise<EmbeddingProvider | null> {
    if (!this.factory) return null;
    try {
      return await (await this.factory.forTenant(tenantId)).embeddings();
    } catch (error) {
      this.logger.warn({ tenantId, err: summary(error) }, 'No embedding provider; keyword search only');
      return null;
    }
  }
}

export function summary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
