import { runInTransaction } from '../database/transaction';
import { cliActor } from '../common/auth/actor';
import { KeyRotationService } from '../common/crypto/key-rotation.service';
import { DataSource } from 'typeorm';
import { AuditService } from '../modules/audit/audit.service';
import type { CliCommand } from './cli-command';

export const rotateKeyCommand: CliCommand = {
  name: 'rotate-key',
  usage: 'rotate-key',
  description: 're-seal every stored secret with ENCRYPTION_KEY (old keys in ENCRYPTION_KEYS_OLD)',
  needsApp: true,
  async run(_args, app, io) {
    const report = await app!.get(KeyRotationService).rotate();
    await runInTransaction(app!.get(DataSource), (tx) =>
      app!.get(AuditService).record(tx.manager, {
        actor: cliActor('rotate-key'),
        tenantId: null,
        action: 'secrets.rotate',
        targetType: 'secrets',
        after: {
          rotated: report.rotated,
          already_current: report.current,
          unreadable: report.unreadable.length,
        },
      }),
    );
    io.out(`Re-sealed ${report.rotated} secrets with the current key; ${report.current} already used it.`);
    if (report.unreadable.length > 0) {
      io.err(
        `${report.unreadable.length} secrets could not be opened with any configured key (add the key that sealed them to ENCRYPTION_KEYS_OLD and run again):`,
      );
      for (const where of report.unreadable) io.err(`  ${where}`);
      return 1;
    }
    io.out('Every secret now uses the current key: ENCRYPTION_KEYS_OLD can be removed.');
    return 0;
  },
};
