import { GeminiFake } from '@parley/fakes';
import { startTestApp, TestApp } from './test-app';

/** The vector space the Gemini fake's embeddings land in (provider, default model, dimensions). */
export const GEMINI_EMBEDDING_SPACE = 'gemini:gemini-embedding-001:768';

export interface RagTestApp extends TestApp {
  /** Embeds (hashed bag of words, like a real model: texts sharing words are near) and answers chats. */
  gemini: GeminiFake;
  /** Embedding calls the app made so far. */
  embedCalls(): number;
  /** Makes every embedding call fail as a Gemini outage does (503 UNAVAILABLE) until `embeddingsBack`. */
  embeddingsDown(): void;
  embeddingsBack(): void;
}

/**
 * The real application with its real LLM providers pointed at the Gemini fake, as production
 * points them at Google: retrieval tests exercise the same embedding path users get.
 */
export async function startRagTestApp(overrides: Record<string, string | undefined>): Promise<RagTestApp> {
  const gemini = await new GeminiFake().start();
  const t = await startTestApp({
    GEMINI_API_BASE_URL: gemini.url,
    GEMINI_API_KEY: 'test-gemini-key',
    ...overrides,
  });
  return {
    ...t,
    gemini,
    embedCalls: () => gemini.requests({ path: /:(batchEmbedContents|embedContent)$/ }).length,
    embeddingsDown: () =>
      gemini.fail({
        path: '/[eE]mbed/',
        response: {
          status: 503,
          body: {
            error: {
              code: 503,
              message: 'The model is overloaded. Please try again later.',
              status: 'UNAVAILABLE',
            },
          },
        },
      }),
    embeddingsBack: () => gemini.clearFailures(),
    close: async () => {
      await t.close();
      await gemini.stop();
    },
  };
}
