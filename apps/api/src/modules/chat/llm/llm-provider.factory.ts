import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { ConfigLoader } from '../../tenant-config/config-loader.service';
import type { LoadedTenant } from '../../tenant-config/tenant-config-view';
import { GeminiEmbeddingProvider } from './gemini-embedding.provider';
import { GeminiLlmProvider } from './gemini-llm.provider';
import type {
  EmbeddingProvider,
  LlmProvider,
  LlmProviderFactory,
  LlmProviderName,
  TenantLlmProviders,
} from './llm.port';
import { OllamaEmbeddingProvider } from './ollama-embedding.provider';
import { OllamaLlmProvider } from './ollama-llm.provider';

const OLLAMA_DEFAULT_HOST = 'http://127.0.0.1:11434';
type LlmConfig = AppConfig['llm'];

/**
 * Picks a tenant's LLM and embedding adapters from its settings: its own Gemini key or the
 * platform's, its model for its default provider, the platform's defaults otherwise.
 */
@Injectable()
export class LlmProviders implements LlmProviderFactory {
  private readonly llm: LlmConfig;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly configLoader: ConfigLoader,
  ) {
    this.llm = config.llm;
  }

  async forTenant(tenantId: string): Promise<TenantLlmProviders> {
    const tenant = await this.configLoader.forTenant(tenantId);
    return {
      llm: (provider) => Promise.resolve(this.llmFor(tenant, provider)),
      embeddings: () => Promise.resolve(this.embeddingsFor(tenant)),
    };
  }

  /**
   * Providers that can answer for this tenant: Gemini with a key (the tenant's or the
   * platform's), Ollama when OLLAMA_HOST is set; the tenant's own choice always counts.
   */
  configured(tenant: LoadedTenant): LlmProviderName[] {
    const names: LlmProviderName[] = [];
    if (tenant.llm.geminiApiKey || this.llm.geminiApiKey || tenant.profile.llm.provider === 'gemini')
      names.push('gemini');
    if (this.llm.ollamaHost || tenant.profile.llm.provider === 'ollama') names.push('ollama');
    return names;
  }

  /** What /set_llm may switch to: nothing but the default unless the tenant allows switching. */
  switchable(tenant: LoadedTenant): LlmProviderName[] {
    if (!tenant.profile.llm.allowSwitch) return [tenant.profile.llm.provider];
    const keyed: LlmProviderName[] = [];
    if (tenant.llm.geminiApiKey || this.llm.geminiApiKey) keyed.push('gemini');
    if (this.llm.ollamaHost) keyed.push('ollama');
    return keyed.includes(tenant.profile.llm.provider) ? keyed : [tenant.profile.llm.provider, ...keyed];
  }

  /** The tenant's model for its default provider, the platform's default for the other. */
  modelFor(tenant: LoadedTenant | null, name: LlmProviderName): string {
    const tenantModel = name === tenant?.profile.llm.provider ? tenant.profile.llm.model : null;
    return tenantModel ?? (name === 'ollama' ? this.llm.ollamaModel : this.llm.geminiModel);
  }

  llmFor(tenant: LoadedTenant | null, requested?: LlmProviderName): LlmProvider {
    const name = requested ?? tenant?.profile.llm.provider ?? 'gemini';
    if (name === 'ollama') {
      return new OllamaLlmProvider({
        host: this.llm.ollamaHost ?? OLLAMA_DEFAULT_HOST,
        model: this.modelFor(tenant, name),
        timeoutMs: this.llm.ollamaTimeoutMs,
      });
    }
    return new GeminiLlmProvider({
      baseUrl: this.llm.geminiApiBaseUrl,
      apiKey: tenant?.llm.geminiApiKey ?? this.llm.geminiApiKey ?? null,
      model: this.modelFor(tenant, name),
      timeoutMs: this.llm.geminiTimeoutMs,
      retryMaxDelayMs: this.llm.geminiRetryMaxDelayMs,
    });
  }

  /** The tenant's provider's embeddings if it can embed, else the other one's; null when neither is set up. */
  embeddingsFor(tenant: LoadedTenant | null): EmbeddingProvider | null {
    const geminiKey = tenant?.llm.geminiApiKey ?? this.llm.geminiApiKey ?? null;
    const gemini = geminiKey
      ? new GeminiEmbeddingProvider({
          baseUrl: this.llm.geminiApiBaseUrl,
          apiKey: geminiKey,
          model: this.llm.geminiEmbeddingModel,
          dimensions: this.llm.embeddingDimensions,
          timeoutMs: this.llm.geminiTimeoutMs,
        })
      : null;
    const ollama = this.llm.ollamaHost
      ? new OllamaEmbeddingProvider({
          host: this.llm.ollamaHost,
          model: this.llm.ollamaEmbeddingModel,
          dimensions: this.llm.embeddingDimensions,
          timeoutMs: this.llm.ollamaTimeoutMs,
        })
      : null;
    return tenant?.profile.llm.provider === 'ollama' ? (ollama ?? gemini) : (gemini ?? ollama);
  }
}
