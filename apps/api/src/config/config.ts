import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InferSection, parseSection } from './env-field';
import { configSchema } from './config.schema';

type Schema = typeof configSchema;
type Parsed = { [K in keyof Schema]: InferSection<Schema[K]> };

export type DatabaseMode = 'embedded' | 'postgres';

export type AppConfig = Omit<Parsed, 'auth' | 'crypto' | 'database'> & {
  database: Parsed['database'] & { mode: DatabaseMode; dataDir: string };
  auth: Omit<Parsed['auth'], 'jwtSecret'> & { jwtSecret: string };
  crypto: Omit<Parsed['crypto'], 'encryptionKey'> & { encryptionKey: string };
  /** Where the values came from, for the first-start banner. */
  generatedSecrets: string[];
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Parley cannot start: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the environment:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads every variable of the schema from `source`, checks the rules between them, and
 * returns the config or throws one ConfigError listing every problem.
 *
 * Outside production, a missing JWT secret or encryption key is generated once and kept in
 * `DATA_DIR/secrets.json`, so `pnpm start` needs no setup and survives restarts.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const problems: string[] = [];
  const parsed = Object.fromEntries(
    Object.entries(configSchema).map(([key, section]) => [key, parseSection(section, source, problems)]),
  ) as Parsed;

  if (parsed.core.nodeEnv === 'production') problems.push(...productionProblems(parsed, problems));
  const { shutdownDelaySeconds, shutdownTimeoutSeconds } = parsed.operations;
  if (shutdownDelaySeconds >= shutdownTimeoutSeconds) {
    problems.push(
      `SHUTDOWN_DELAY (${shutdownDelaySeconds}s) must be shorter than SHUTDOWN_TIMEOUT (${shutdownTimeoutSeconds}s), which bounds the whole shutdown`,
    );
  }
  if (parsed.auth.adminEmail && !EMAIL.test(parsed.auth.adminEmail)) {
    problems.push(`ADMIN_EMAIL must be an email address, got "${parsed.auth.adminEmail}"`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  // pnpm runs scripts from the package directory; a relative DATA_DIR means where the user ran the command.
  const dataDir = resolve(source.INIT_CWD ?? process.cwd(), parsed.database.dataDir);
  const generatedSecrets: string[] = [];
  let { jwtSecret } = parsed.auth;
  let { encryptionKey } = parsed.crypto;
  if (!jwtSecret || !encryptionKey) {
    const local = readOrCreateLocalSecrets(dataDir, generatedSecrets);
    jwtSecret ??= local.JWT_SECRET;
    encryptionKey ??= local.ENCRYPTION_KEY;
  }

  return {
    ...parsed,
    database: { ...parsed.database, dataDir, mode: parsed.database.url ? 'postgres' : 'embedded' },
    auth: { ...parsed.auth, jwtSecret },
    crypto: { ...parsed.crypto, encryptionKey },
    generatedSecrets,
  };
}

/**
 * What production needs beyond well-formed values: a real PostgreSQL server, secrets that are not
 * generated into a local file, and the https address Meta delivers webhooks to. A variable that
 * is already reported as malformed is not reported twice.
 */
function productionProblems(parsed: Parsed, reported: string[]): string[] {
  const problems: string[] = [];
  const missing = (name: string) => !reported.some((p) => p.startsWith(`${name} `));
  if (!parsed.database.url && missing('DATABASE_URL')) {
    problems.push(
      'DATABASE_URL is required when NODE_ENV=production (the embedded database is for trying Parley out)',
    );
  }
  if (!parsed.auth.jwtSecret && missing('JWT_SECRET')) {
    problems.push('JWT_SECRET is required when NODE_ENV=production (at least 32 characters)');
  }
  if (!parsed.crypto.encryptionKey && missing('ENCRYPTION_KEY')) {
    problems.push('ENCRYPTION_KEY is required when NODE_ENV=production (`openssl rand -base64 32`)');
  }
  if (missing('PUBLIC_URL')) {
    if (!parsed.core.publicUrl) {
      problems.push(
        'PUBLIC_URL is required when NODE_ENV=production: the https address users and Meta reach Parley at',
      );
    } else if (!parsed.core.publicUrl.startsWith('https://')) {
      problems.push(
        `PUBLIC_URL must use https when NODE_ENV=production (Meta delivers webhooks only over https), got "${parsed.core.publicUrl}"`,
      );
    }
  }
  return problems;
}

interface LocalSecrets {
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
}

function readOrCreateLocalSecrets(dataDir: string, generated: string[]): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  const existing: Partial<LocalSecrets> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>)
    : {};
  const secrets: LocalSecrets = {
    JWT_SECRET: existing.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    ENCRYPTION_KEY: existing.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
  };
  for (const key of ['JWT_SECRET', 'ENCRYPTION_KEY'] as const) {
    if (!existing[key]) generated.push(key);
  }
  if (generated.length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  }
  return secrets;
}
