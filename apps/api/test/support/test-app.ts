import { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { hashPassword } from '../../src/modules/auth/password-hasher';
import { assertTestDatabase, createTestDatabase, dropTestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The environment every test app starts from: the run's database, fresh secrets, quiet logs. */
export function testEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  const databaseUrl = process.env.PARLEY_TEST_DATABASE_URL;
  if (!databaseUrl)
    throw new Error('PARLEY_TEST_DATABASE_URL is not set: run e2e suites through jest --selectProjects e2e');
  assertTestDatabase(databaseUrl);
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-test-')),
    JWT_SECRET: process.env.PARLEY_TEST_JWT_SECRET ?? randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: process.env.PARLEY_TEST_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    LOGIN_RATE_LIMIT_PER_EMAIL: '1000',
    ...overrides,
  };
}

/** Boots the real application, exactly as main.ts does, on a loopback port. */
export async function startTestApp(
  overrides: Record<string, string | undefined> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const config = loadConfig(testEnv(overrides));
  const app = await createHttpApp(config, { logDestination: options.logDestination });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  tenantId: string | null;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.parley.dev`;
}

/** Inserts a user straight into the database (the API to create users comes with tenants) and logs in. */
export async function createUser(
  t: TestApp,
  role: 'platform_admin' | 'tenant_admin',
  tenantId: string | null = null,
): Promise<TestUser> {
  const email = uniqueEmail(role === 'platform_admin' ? 'platform' : 'tenant');
  const password = `pw-${randomUUID()}`;
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO users (email, password_hash, role, tenant_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [email, await hashPassword(password), role, tenantId],
  );
  const token = await login(t, email, password);
  return { id: rows[0].id, email, password, token, tenantId };
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http().post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { access_token: string }).access_token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A test app on a database of its own, for tests that act on every row (delete-all, migrations). */
export async function startIsolatedTestApp(
  overrides: Record<string, string | undefined> = {},
): Promise<TestApp> {
  const databaseUrl = await createTestDatabase('isolated');
  const t = await startTestApp({ ...overrides, DATABASE_URL: databaseUrl });
  return {
    ...t,
    close: async () => {
      await t.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}
