import { dropTestDatabase } from '../support/test-database';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  if (url && !process.env.KEEP_TEST_DATABASE) await dropTestDatabase(url);
}
