import { GraphFake, MetaOnboardingState, type MetaApp } from '@parley/fakes';

export interface MetaFake {
  server: GraphFake;
  state: MetaOnboardingState;
  app: MetaApp;
  /** Environment pointing Parley's Graph calls and Meta app at the fake. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The Graph fake (messages and Embedded Signup's routes) with the platform's Meta app registered: tokens and numbers from a signup also work for sending.
 */
export async function startMetaFake(): Promise<MetaFake> {
  const server = new GraphFake();
  const state = server.onboarding;
  await server.start();
  const app = state.createApp('Parley');
  return {
    server,
    state,
    app,
    env: {
      GRAPH_API_BASE_URL: server.url,
      GRAPH_API_VERSION: 'v25.0',
      GRAPH_API_TIMEOUT: '5',
      FB_APP_ID: app.id,
      FB_APP_SECRET: app.secret,
      FB_CONFIG_ID: '1234567890',
      PUBLIC_URL: 'https://parley.example.com',
      WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'verify-me-please',
    },
    stop: () => server.stop(),
  };
}
