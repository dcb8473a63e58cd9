import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { createRootLogger, PinoNestLogger } from '../../src/common/logging/logger';
import { loadConfig } from '../../src/config/config';
import { configureApp } from '../../src/configure-app';
import { LLM_PROVIDER_FACTORY } from '../../src/modules/chat/llm/llm.port';
import { HashingProviderFactory } from './hashing-embeddings';
import { testEnv, TestApp } from './test-app';

/**
 * The real application with one port bound for tests: `LLM_PROVIDER_FACTORY` answers with the
 * hashing embedder (until the real Gemini/Ollama factory exists, nothing else binds it). Booted
 * exactly as createHttpApp does otherwise.
 */
export async function startRagTestApp(
  overrides: Record<string, string | undefined>,
  factory = new HashingProviderFactory(),
): Promise<TestApp & { factory: HashingProviderFactory }> {
  const config = loadConfig(testEnv(overrides));
  @Global()
  @Module({
    providers: [{ provide: LLM_PROVIDER_FACTORY, useValue: factory }],
    exports: [LLM_PROVIDER_FACTORY],
  })
  class TestEmbeddingsModule {}
  @Module({ imports: [AppModule.forRoot(config, 'api'), TestEmbeddingsModule] })
  class RagTestRoot {}
  const logger = createRootLogger(config.core.logLevel);
  const app = await NestFactory.create(RagTestRoot, {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    forceCloseConnections: true,
    abortOnError: false,
  });
  configureApp(app, config, logger);
  await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    factory,
    dataSource: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
