import type { CliCommand } from './cli-command';

/** Every CLI command; modules add theirs here. */
export const CLI_COMMANDS: CliCommand[] = [];
