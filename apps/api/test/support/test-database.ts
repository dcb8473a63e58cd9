import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server e2e suites create their databases on; trust auth on a developer machine and in CI. */
export const TEST_SERVER_URL =
  process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
  }
}

async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database whose name contains `test` and returns its URL. */
export async function createTestDatabase(label = 'e2e'): Promise<string> {
  const name = `parley_test_${label}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  assertTestDatabase(url);
  const name = new URL(url).pathname.slice(1);
  await withServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Test databases left behind by runs that crashed more than six hours ago. */
export async function dropStaleTestDatabases(): Promise<void> {
  const cutoff = Date.now() - 6 * 3600 * 1000;
  await withServer(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'parley\\_test\\_%'`,
    );
    for (const { datname } of rows) {
      const created = Number(datname.split('_').at(-2));
      if (created && created < cutoff) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}
