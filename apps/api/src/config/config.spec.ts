import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { configSchema } from './config.schema';
import { parseDuration } from './env-field';

const key = Buffer.alloc(32, 7).toString('base64');
const secret = 's'.repeat(40);
const tempDir = () => mkdtempSync(join(tmpdir(), 'parley-config-'));

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ JWT_SECRET: secret, ENCRYPTION_KEY: key, DATA_DIR: tempDir() });
    expect(config.core.port).toBe(3000);
    expect(config.core.nodeEnv).toBe('development');
    expect(config.database.mode).toBe('embedded');
    expect(config.auth.jwtExpiresInSeconds).toBe(12 * 3600);
    expect(config.generatedSecrets).toEqual([]);
  });

  it('lists every problem in one error', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        JWT_EXPIRES_IN: 'forever',
        ENCRYPTION_KEY: 'c2hvcnQ=',
        NODE_ENV: 'staging',
        ADMIN_EMAIL: 'nobody',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      'NODE_ENV must be one of development, production, test, got "staging"',
      'PORT must be a whole number, got "eighty"',
      'DATABASE_URL must use postgres or postgresql, got "mysql:"',
      'JWT_EXPIRES_IN must be a duration such as 3600, 30m, 12h or 7d, got "forever"',
      'ENCRYPTION_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)',
      'ADMIN_EMAIL must be an email address, got "nobody"',
    ]);
    expect(error!.message).toContain('6 problems in the environment');
  });

  it('lists everything production needs in one error', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir() });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      'DATABASE_URL is required when NODE_ENV=production (the embedded database is for trying Parley out)',
      'JWT_SECRET is required when NODE_ENV=production (at least 32 characters)',
      'ENCRYPTION_KEY is required when NODE_ENV=production (`openssl rand -base64 32`)',
      'PUBLIC_URL is required when NODE_ENV=production: the https address users and Meta reach Parley at',
    ]);
    expect(error!.message).toContain('4 problems in the environment');
  });

  it('refuses a plain-http PUBLIC_URL in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/parley',
        JWT_SECRET: secret,
        ENCRYPTION_KEY: key,
        PUBLIC_URL: 'http://parley.example.com',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'PUBLIC_URL must use https when NODE_ENV=production (Meta delivers webhooks only over https), got "http://parley.example.com"',
        ],
      }),
    );
  });

  it('reports a malformed production variable once, as malformed', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/parley',
        JWT_SECRET: 'short',
        ENCRYPTION_KEY: key,
        ENCRYPTION_KEYS_OLD: 'bad',
        PUBLIC_URL: 'ftp://parley.example.com',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'PUBLIC_URL must use http or https, got "ftp:"',
          'JWT_SECRET must be at least 32 characters long',
          'ENCRYPTION_KEYS_OLD entry 1 must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)',
        ],
      }),
    );
  });

  it('starts in production with everything set, and never writes a secrets file there', () => {
    const dir = tempDir();
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dir,
      DATABASE_URL: 'postgres://db/parley',
      JWT_SECRET: secret,
      ENCRYPTION_KEY: key,
      PUBLIC_URL: 'https://parley.example.com/',
    });
    expect(config.core.publicUrl).toBe('https://parley.example.com');
    expect(config.operations.shutdownTimeoutSeconds).toBe(25);
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
  });

  it('reads SHUTDOWN_TIMEOUT as a duration', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      SHUTDOWN_TIMEOUT: '2m',
      JWT_SECRET: secret,
      ENCRYPTION_KEY: key,
    });
    expect(config.operations.shutdownTimeoutSeconds).toBe(120);
  });

  it('generates missing secrets once and keeps them in DATA_DIR', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.generatedSecrets).toEqual(['JWT_SECRET', 'ENCRYPTION_KEY']);
    expect(Buffer.from(first.crypto.encryptionKey, 'base64')).toHaveLength(32);
    const file = join(dir, 'secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = loadConfig({ DATA_DIR: dir });
    expect(second.generatedSecrets).toEqual([]);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.crypto.encryptionKey).toBe(first.crypto.encryptionKey);
    expect(JSON.parse(readFileSync(file, 'utf8')).JWT_SECRET).toBe(first.auth.jwtSecret);
  });

  it('prefers secrets from the environment over generated ones', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), JWT_SECRET: secret, ENCRYPTION_KEY: key });
    expect(config.auth.jwtSecret).toBe(secret);
    expect(config.crypto.encryptionKey).toBe(key);
  });
});

describe('.env.example', () => {
  const text = readFileSync(resolve(__dirname, '../../../../.env.example'), 'utf8');
  const entries = Object.fromEntries(
    [...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]] as [string, string]),
  );

  it('documents every variable Parley reads', () => {
    const names = Object.values(configSchema).flatMap((section) => Object.values(section).map((f) => f.name));
    expect(names.filter((name) => !(name in entries))).toEqual([]);
  });

  it('is a working configuration as it stands', () => {
    expect(() => loadConfig({ ...entries, DATA_DIR: tempDir() })).not.toThrow();
  });
});

describe('parseDuration', () => {
  it.each([
    ['3600', 3600],
    ['45s', 45],
    ['30m', 1800],
    ['12h', 43200],
    ['7d', 604800],
  ])('%s is %i seconds', (raw, seconds) => expect(parseDuration(raw)).toBe(seconds));

  it.each(['', '0', '-5m', '1w', '1.5h', 'h'])('refuses %p', (raw) => expect(parseDuration(raw)).toBeNull());
});
