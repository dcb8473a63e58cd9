import { env } from './env-field';

/**
 * Every environment variable Parley reads, grouped by the part of the product that owns it.
 * `.env.example` documents each one; later modules add their own section here.
 */
export const configSchema = {
  core: {
    nodeEnv: env.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, {
      default: 'development',
    }),
    port: env.int('PORT', { default: 3000, min: 0, max: 65535 }),
    host: env.string('HOST', { default: '0.0.0.0' }),
    trustProxy: env.string('TRUST_PROXY', { default: 'loopback' }),
    publicUrl: env.url('PUBLIC_URL', { optional: true }),
    logLevel: env.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      {
        default: 'info',
      },
    ),
    bodyLimitBytes: env.int('BODY_LIMIT_BYTES', { default: 1_048_576, min: 1024 }),
    adminDistDir: env.string('ADMIN_DIST_DIR', { optional: true }),
  },
  database: {
    url: env.url('DATABASE_URL', { optional: true, protocols: ['postgres:', 'postgresql:'] }),
    dataDir: env.string('DATA_DIR', { default: './data' }),
    poolMax: env.int('DATABASE_POOL_MAX', { default: 10, min: 1, max: 200 }),
  },
  jobs: {
    runWorkers: env.bool('RUN_WORKERS', { optional: true }),
    workerConcurrency: env.int('WORKER_CONCURRENCY', { default: 4, min: 1, max: 64 }),
  },
  auth: {
    jwtSecret: env.string('JWT_SECRET', { optional: true, minLength: 32 }),
    jwtExpiresInSeconds: env.duration('JWT_EXPIRES_IN', { default: 12 * 3600 }),
    adminEmail: env.string('ADMIN_EMAIL', { optional: true }),
    adminPassword: env.string('ADMIN_PASSWORD', { optional: true, minLength: 10 }),
    loginLimitPerIp: env.int('LOGIN_RATE_LIMIT_PER_IP', { default: 30, min: 1 }),
    loginLimitPerEmail: env.int('LOGIN_RATE_LIMIT_PER_EMAIL', { default: 10, min: 1 }),
    loginLimitWindowSeconds: env.duration('LOGIN_RATE_LIMIT_WINDOW', { default: 900 }),
  },
  crypto: {
    encryptionKey: env.base64Key('ENCRYPTION_KEY', 32, { optional: true }),
    /** Earlier keys, comma-separated, still accepted for reading during a key rotation. */
    oldEncryptionKeys: env.base64KeyList('ENCRYPTION_KEYS_OLD', 32),
  },
  /** The single-number setup of older Parley versions: fallbacks when a tenant has no active config. */
  whatsapp: {
    phoneId: env.string('WHATSAPP_PHONE_ID', { optional: true }),
    token: env.string('WHATSAPP_TOKEN', { optional: true }),
    verifyToken: env.string('WHATSAPP_WEBHOOK_VERIFY_TOKEN', { optional: true }),
    /** The tenant that webhooks for WHATSAPP_PHONE_ID belong to. */
    defaultTenant: env.string('WHATSAPP_DEFAULT_TENANT', { optional: true }),
  },
  meta: {
    appId: env.string('FB_APP_ID', { optional: true }),
    appSecret: env.string('FB_APP_SECRET', { optional: true }),
    /**
     * The Facebook Login for Business configuration ("WhatsApp Embedded Signup") the admin app
     * launches; onboarding calls Graph at `graph.baseUrl` / `graph.version`.
     */
    configId: env.string('FB_CONFIG_ID', { optional: true }),
    sdkUrl: env.url('FB_SDK_URL', { default: 'https://connect.facebook.net/en_US/sdk.js' }),
  },
  /** The scheduled check of every tenant's WhatsApp, Zoho and HubSpot credentials. */
  credentials: {
    checkCron: env.string('CREDENTIAL_CHECK_CRON', { default: '0 * * * *' }),
    /** A token that expires sooner than this counts as `expiring`. */
    expiringWithinDays: env.int('CREDENTIAL_EXPIRING_DAYS', { default: 7, min: 1, max: 365 }),
  },
  /** Sending through Meta's Graph API (the `whatsapp` module's MessageSender). */
  graph: {
    baseUrl: env.url('GRAPH_API_BASE_URL', { default: 'https://graph.facebook.com' }),
    /** Pinned Graph API version (Meta keeps each about two years; plan a yearly upgrade). */
    version: env.string('GRAPH_API_VERSION', { default: 'v25.0' }),
    timeoutSeconds: env.duration('GRAPH_API_TIMEOUT', { default: 10 }),
    /** Meta's default throughput per business number (80 mps); per process, see the pacer. */
    maxMpsPerNumber: env.int('WHATSAPP_MAX_MPS_PER_NUMBER', { default: 80, min: 1, max: 1000 }),
    /** Meta's pair rate limit: one message per this long to the same user, after a burst. */
    pairIntervalSeconds: env.duration('WHATSAPP_PAIR_INTERVAL', { default: 6 }),
    pairBurst: env.int('WHATSAPP_PAIR_BURST', { default: 10, min: 1, max: 45 }),
    /** A send waits at most this long for pacing; longer, it answers `retry` to free the worker. */
    pacingMaxWaitMs: env.int('WHATSAPP_PACING_MAX_WAIT_MS', { default: 2000, min: 0, max: 60_000 }),
  },
  /** The inbound pipeline's jobs: attempts before a job lands in the dead letters. */
  messaging: {
    retryLimit: env.int('MESSAGING_RETRY_LIMIT', { default: 6, min: 0, max: 50 }),
    retryDelaySeconds: env.duration('MESSAGING_RETRY_DELAY', { default: 2 }),
  },
  metrics: {
    /** Bearer token for GET /metrics; unset turns the endpoint off. */
    token: env.string('METRICS_TOKEN', { optional: true, minLength: 16 }),
  },
  /** CRM adapters (Zoho, HubSpot) and the lead outbox. Tenant credentials live in the database. */
  crm: {
    /** Used for a Zoho tenant whose accounts server is not set. */
    zohoAccountsUrl: env.url('ZOHO_ACCOUNTS_URL', { default: 'https://accounts.zoho.com' }),
    hubspotApiBaseUrl: env.url('HUBSPOT_API_BASE_URL', { default: 'https://api.hubapi.com' }),
    /** Zoho Lead_Source for tenants that set none; "Chat" is in Zoho's default picklist. */
    leadSource: env.string('CRM_LEAD_SOURCE', { default: 'Chat' }),
    timeoutSeconds: env.duration('CRM_TIMEOUT', { default: 10 }),
    /** How long one CRM call may wait out rate limits before giving the wait back to the outbox. */
    rateLimitMaxWaitSeconds: env.duration('CRM_RATE_LIMIT_MAX_WAIT', { default: 12 }),
    syncMaxAttempts: env.int('CRM_SYNC_MAX_ATTEMPTS', { default: 16, min: 1, max: 1000 }),
    syncRetryBaseSeconds: env.duration('CRM_SYNC_RETRY_BASE', { default: 30 }),
    syncRetryMaxSeconds: env.duration('CRM_SYNC_RETRY_MAX', { default: 3600 }),
  },
  /** LLM vendors of the conversation engine. A tenant may bring its own Gemini key (stored encrypted). */
  llm: {
    geminiApiBaseUrl: env.url('GEMINI_API_BASE_URL', {
      default: 'https://generativelanguage.googleapis.com',
    }),
    /** The platform's Gemini key, for tenants without their own; unset and no tenant key: Gemini is off. */
    geminiApiKey: env.string('GEMINI_API_KEY', { optional: true }),
    /**
     * Model ids change often (Google retires them within a year): keep this a setting. Default: the
     * stable flash-lite tier per ai.google.dev/gemini-api/docs/models/gemini-3.5-flash-lite (July 2026).
     */
    geminiModel: env.string('GEMINI_MODEL', { default: 'gemini-3.5-flash-lite' }),
    geminiEmbeddingModel: env.string('GEMINI_EMBEDDING_MODEL', { default: 'gemini-embedding-001' }),
    geminiTimeoutMs: env.int('GEMINI_TIMEOUT_MS', { default: 20_000, min: 100, max: 300_000 }),
    /** The longest RetryInfo delay a 429 is waited out for before the one retry (longer asks are capped). */
    geminiRetryMaxDelayMs: env.int('GEMINI_RETRY_MAX_DELAY_MS', { default: 5_000, min: 0, max: 60_000 }),
    /** Where Ollama runs; unset: Ollama is not offered (unless a tenant picks it as its provider). */
    ollamaHost: env.url('OLLAMA_HOST', { optional: true }),
    ollamaModel: env.string('OLLAMA_MODEL', { default: 'phi3:mini' }),
    ollamaEmbeddingModel: env.string('OLLAMA_EMBEDDING_MODEL', { default: 'nomic-embed-text' }),
    ollamaTimeoutMs: env.int('OLLAMA_TIMEOUT_MS', { default: 60_000, min: 100, max: 600_000 }),
    /** Vector size of every embedding Parley stores (Gemini is asked for this many; nomic-embed-text has 768). */
    embeddingDimensions: env.int('EMBEDDING_DIMENSIONS', { default: 768, min: 64, max: 3072 }),
    /** History entries (inbound + outbound) sent to the LLM with each question. */
    historyWindow: env.int('LLM_HISTORY_WINDOW', { default: 12, min: 0, max: 20 }),
  },
  /** Knowledge sources: crawling tenant web pages for retrieval-augmented answers. */
  rag: {
    /** Lets crawls reach loopback and private networks: tests and local demos only, never production. */
    allowPrivateUrls: env.bool('RAG_ALLOW_PRIVATE_URLS', { default: false }),
    /** Time limit of one page fetch, redirects included. */
    fetchTimeoutSeconds: env.duration('RAG_FETCH_TIMEOUT', { default: 15 }),
    /** Pages larger than this (after decompression) are skipped. */
    maxPageBytes: env.int('RAG_MAX_PAGE_BYTES', { default: 2_000_000, min: 1024 }),
    /** How long /enable_rag waits for its page to be ingested before telling the user to try again. */
    conversationTimeoutSeconds: env.duration('RAG_CONVERSATION_TIMEOUT', { default: 45 }),
  },
  /** Running Parley in production: shutdown, the worker's probe port. */
  operations: {
    /** The most a SIGTERM'd process takes to exit: in-flight requests and running jobs get this long. */
    shutdownTimeoutSeconds: env.duration('SHUTDOWN_TIMEOUT', { default: 25 }),
    /** How long the API keeps accepting requests after SIGTERM, with /health at 503, so load balancers move away first. */
    shutdownDelaySeconds: env.duration('SHUTDOWN_DELAY', { default: 0, allowZero: true }),
    /** The worker process serves /health, /health/live and /metrics here (0: any free port). */
    workerPort: env.int('WORKER_PORT', { default: 3001, min: 0, max: 65535 }),
  },
  admin: {
    rateLimitPerMinute: env.int('ADMIN_RATE_LIMIT_PER_MINUTE', { default: 600, min: 1 }),
    /** Tenants one bulk-operation job handles before it hands the rest to a follow-up job. */
    bulkItemsPerJob: env.int('BULK_ITEMS_PER_JOB', { default: 500, min: 1, max: 10_000 }),
  },
};
