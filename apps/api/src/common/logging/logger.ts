import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/** Keys whose values are secrets wherever they appear in a logged object. */
const SECRET_KEYS = [
  'password',
  'password_hash',
  'passwordHash',
  'authorization',
  'cookie',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'client_secret',
  'clientSecret',
  'app_secret',
  'fb_app_secret',
  'api_key',
  'apiKey',
  'token',
  'secret',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createRootLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'parley' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's own start-up chatter (every module and route it wires), useful only when debugging. */
const NEST_BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/** Nest's Logger calls routed into pino as JSON lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    this.write(
      typeof context === 'string' && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : 'info',
      message,
      params,
    );
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: pino.Level, message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = typeof params[0] === 'string' ? (params.shift() as string) : undefined;
      this.root[level]({ ...fields, ...message }, text);
      return;
    }
    if (message instanceof Error) {
      this.root[level]({ ...fields, err: message }, message.message);
      return;
    }
    if (level === 'error' && typeof params[0] === 'string' && params[0].includes('\n')) {
      fields.stack = params.shift();
    }
    this.root[level](fields, String(message));
  }
}
