import { createTestDatabase, dropStaleTestDatabases } from '../support/test-database';

/** One fresh database for the whole run; every suite makes its own tenants and users in it. */
export default async function globalSetup(): Promise<void> {
  await dropStaleTestDatabases();
  process.env.PARLEY_TEST_DATABASE_URL = await createTestDatabase();
}
