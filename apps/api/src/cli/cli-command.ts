import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/config';

/** One `pnpm parley <name> ...` command. */
export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  /** Whether the command needs the application (database, services) booted. */
  needsApp: boolean;
  /** `config` is the validated environment; the CLI always passes it (commands without an app need it). */
  run(args: string[], app: INestApplicationContext | null, io: CliIo, config?: AppConfig): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves a path the user typed against the directory they typed it in. */
  path(input: string): string;
}
