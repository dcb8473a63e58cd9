import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { describeError } from './vendor-call';

/**
 * Google retires Gemini models within months. At boot, when a platform key is set, the models
 * the platform uses are looked up in `GET /v1beta/models` and a missing one is logged loudly,
 * without delaying the boot or failing it (the API may be unreachable from a build machine).
 */
@Injectable()
export class GeminiModelCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('GeminiModels');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (this.config.llm.geminiApiKey) void this.check();
  }

  /** The configured models the API does not list; null when the list could not be read. */
  async missingModels(): Promise<string[] | null> {
    const { geminiApiBaseUrl, geminiApiKey, geminiModel, geminiEmbeddingModel } = this.config.llm;
    const listed = new Set<string>();
    let pageToken = '';
    for (let page = 0; page < 10; page++) {
      const url = `${geminiApiBaseUrl.replace(/\/+$/, '')}/v1beta/models?pageSize=1000${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
      const res = await fetch(url, {
        headers: { 'x-goog-api-key': geminiApiKey ?? '' },
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) return null;
      const body = (await res.json()) as { models?: { name?: string }[]; nextPageToken?: string };
      for (const model of body.models ?? []) if (model.name) listed.add(model.name.replace(/^models\//, ''));
      if (!body.nextPageToken) break;
      pageToken = body.nextPageToken;
    }
    return [geminiModel, geminiEmbeddingModel].filter((model) => !listed.has(model));
  }

  private async check(): Promise<void> {
    try {
      const missing = await this.missingModels();
      if (missing === null) this.logger.warn('Could not list Gemini models; GEMINI_MODEL is unchecked');
      else if (missing.length)
        this.logger.error(
          { missing },
          'Gemini does not offer these models (GEMINI_MODEL / GEMINI_EMBEDDING_MODEL): answers will fail until they are changed',
        );
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, 'Could not list Gemini models');
    }
  }
}
