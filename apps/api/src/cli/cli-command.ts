import type { INestApplicationContext } from '@nestjs/common';

/** One `pnpm parley <name> ...` command. */
export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  /** Whether the command needs the application (database, services) booted. */
  needsApp: boolean;
  run(args: string[], app: INestApplicationContext | null, io: CliIo): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves a path the user typed against the directory they typed it in. */
  path(input: string): string;
}
