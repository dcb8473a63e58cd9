import { readFileSync, writeFileSync } from 'node:fs';
import type { CliCommand } from '../../cli/cli-command';
import { cliActor } from '../../common/auth/actor';
import { TenantFileError, TenantImportService } from './tenant-import.service';

export const importTenantsCommand: CliCommand = {
  name: 'import-tenants',
  usage: 'import-tenants FILE',
  description: 'create or update tenants from an older tenants.json (all or nothing)',
  needsApp: true,
  async run([file], app, io) {
    if (!file) {
      io.err('Usage: pnpm parley import-tenants FILE');
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(io.path(file), 'utf8');
    } catch (error) {
      io.err(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    try {
      const report = await app!.get(TenantImportService).import(cliActor('import-tenants'), text);
      for (const id of report.created) io.out(`created ${id}`);
      for (const id of report.updated) io.out(`updated ${id}`);
      io.out(
        `Imported ${report.created.length + report.updated.length} tenants: ${report.created.length} created, ${report.updated.length} updated.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof TenantFileError) {
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  },
};

export const exportTenantsCommand: CliCommand = {
  name: 'export-tenants',
  usage: 'export-tenants [FILE]',
  description: 'write every tenant in the tenants.json format, secrets masked (stdout without FILE)',
  needsApp: true,
  async run([file], app, io) {
    const json = JSON.stringify(await app!.get(TenantImportService).export(), null, 2) + '\n';
    if (file) {
      writeFileSync(io.path(file), json);
      io.err(`Wrote ${file}`);
    } else {
      process.stdout.write(json);
    }
    return 0;
  },
};
