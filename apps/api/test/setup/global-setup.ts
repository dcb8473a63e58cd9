import { randomBytes } from 'node:crypto';
import { createTestDatabase, dropStaleTestDatabases } from '../support/test-database';

/** One fresh database for the whole run; every suite makes its own tenants and users in it. */
export default async function globalSetup(): Promise<void> {
  await dropStaleTestDatabases();
  process.env.PARLEY_TEST_DATABASE_URL = await createTestDatabase();
  // Shared by every app of the run, as replicas of one deployment share them.
  process.env.PARLEY_TEST_JWT_SECRET = randomBytes(32).toString('hex');
  process.env.PARLEY_TEST_ENCRYPTION_KEY = randomBytes(32).toString('base64');
}
