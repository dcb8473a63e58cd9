import { AppConfig, ConfigError, loadConfig } from './config/config';

/** Loads the config or ends the process with every problem listed, before anything starts. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\nSee .env.example for every variable and its meaning.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Runs a process entry point; a failure to start ends the process with its reason in one line. */
export function runMain(name: string, main: () => Promise<void>): void {
  exitOnUnhandledRejection();
  main().catch((error: unknown) => {
    process.stderr.write(
      `${name} could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

/** Fails loudly on anything a promise forgot to handle instead of limping on. */
export function exitOnUnhandledRejection(): void {
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(
      `Unhandled promise rejection: ${reason instanceof Error ? reason.stack : String(reason)}\n`,
    );
    process.exit(1);
  });
}
