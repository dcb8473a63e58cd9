import 'reflect-metadata';
import { resolve } from 'node:path';
import { createHeadlessApp } from './app.factory';
import { exitOnUnhandledRejection, loadConfigOrExit } from './boot';
import { CliIo } from './cli/cli-command';
import { CLI_COMMANDS } from './cli/commands';

const io: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  // pnpm runs scripts from the package directory; INIT_CWD is where the user typed the command.
  path: (input) => resolve(process.env.INIT_CWD ?? process.cwd(), input),
};

function help(): void {
  io.out('Usage: pnpm parley <command> [arguments]\n\nCommands:');
  for (const command of CLI_COMMANDS) io.out(`  ${command.usage.padEnd(36)} ${command.description}`);
  io.out(`  ${'help'.padEnd(36)} this list`);
}

async function main(): Promise<void> {
  exitOnUnhandledRejection();
  const [name, ...args] = process.argv.slice(2);
  const command = CLI_COMMANDS.find((c) => c.name === name);
  if (!command) {
    if (name && name !== 'help') io.err(`Unknown command "${name}".\n`);
    help();
    process.exit(name && name !== 'help' ? 2 : 0);
  }
  const config = loadConfigOrExit();
  const app = command.needsApp ? await createHeadlessApp(config, 'cli') : null;
  let code = 1;
  try {
    code = await command.run(args, app, io, config);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
  } finally {
    await app?.close();
  }
  process.exit(code);
}

void main();
