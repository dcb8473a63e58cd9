import { exportTenantsCommand, importTenantsCommand } from '../modules/tenant-config/tenant.cli';
import { backupCommand, restoreCommand } from './backup.command';
import type { CliCommand } from './cli-command';
import { rotateKeyCommand } from './rotate-key.command';

/** Every CLI command; modules add theirs here. */
export const CLI_COMMANDS: CliCommand[] = [
  importTenantsCommand,
  exportTenantsCommand,
  rotateKeyCommand,
  backupCommand,
  restoreCommand,
];
