import 'reflect-metadata';
import { loadConfigOrExit, runMain } from './boot';
import { startWorker } from './worker-process';

/** The worker role: the same modules as the API, running jobs; no API, only probes and metrics. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.database.mode === 'embedded') {
    process.stderr.write(
      'The worker role needs DATABASE_URL: with the embedded database, jobs run inside the API process.\n',
    );
    process.exit(1);
  }
  const { probes } = await startWorker(config);
  const { port } = probes.address() as { port: number };
  process.stdout.write(`Parley worker started (health and metrics on port ${port})\n`);
}

runMain('The Parley worker', main);
