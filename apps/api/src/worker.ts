import 'reflect-metadata';
import { createHeadlessApp } from './app.factory';
import { loadConfigOrExit, runMain } from './boot';

/** The worker role: the same modules as the API, running jobs and no HTTP. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.database.mode === 'embedded') {
    process.stderr.write(
      'The worker role needs DATABASE_URL: with the embedded database, jobs run inside the API process.\n',
    );
    process.exit(1);
  }
  await createHeadlessApp(config, 'worker');
  process.stdout.write('Parley worker started\n');
}

runMain('The Parley worker', main);
