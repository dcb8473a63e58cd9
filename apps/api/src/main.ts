import 'reflect-metadata';
import type { Server } from 'node:http';
import { createHttpApp } from './app.factory';
import { loadConfigOrExit, runMain } from './boot';
import { AppConfig } from './config/config';
import { BootstrapAdminService, CreatedAdmin } from './modules/auth/bootstrap-admin.service';
import { exitGracefullyOnSignals } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createHttpApp(config);
  await app.init();
  const admin = await app.get(BootstrapAdminService).ensurePlatformAdmin();
  await app.listen(config.core.port, config.core.host);
  exitGracefullyOnSignals(app, { server: app.getHttpServer() as Server, keepListening: true });
  printBanner(config, admin, (app.getHttpServer() as { address(): { port: number } }).address().port);
}

function printBanner(config: AppConfig, admin: CreatedAdmin | null, port: number): void {
  const url = config.core.publicUrl ?? `http://localhost:${port}`;
  const database =
    config.database.mode === 'embedded'
      ? `embedded (${config.database.dataDir}/pgdata)`
      : `PostgreSQL (${new URL(config.database.url!).host})`;
  const lines = ['', `  Parley is running at ${url}`, `  Database: ${database}`];
  if (config.generatedSecrets.length > 0) {
    lines.push(
      `  Generated ${config.generatedSecrets.join(' and ')} into ${config.database.dataDir}/secrets.json`,
    );
  }
  if (admin) {
    lines.push(`  Platform admin: ${admin.email}`);
    lines.push(
      admin.generatedPassword
        ? `  Password:       ${admin.generatedPassword}   (shown only this once: change it after logging in)`
        : '  Password:       the one set in ADMIN_PASSWORD',
    );
  }
  // The banner is for the person at the terminal, so it goes to stdout as text, not into the JSON log.
  process.stdout.write(lines.join('\n') + '\n\n');
}

runMain('Parley', main);
