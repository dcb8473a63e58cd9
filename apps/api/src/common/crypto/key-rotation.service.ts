import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SECRET_COLUMNS } from '../../database/secret-columns';
import { SecretBox, SecretDecryptError } from './secret-box';

export interface RotationReport {
  /** Values re-sealed with the current key. */
  rotated: number;
  /** Values already sealed with the current key. */
  current: number;
  /** Values no configured key can open: `table.column[key]` each. */
  unreadable: string[];
}

const BATCH = 500;

/**
 * Re-seals every stored secret with the current ENCRYPTION_KEY. Run with the old key(s) in
 * ENCRYPTION_KEYS_OLD; once it reports nothing unreadable, the old keys can be dropped.
 * Safe to run while Parley serves traffic and to run again: each value is swapped only if it is
 * still the value that was read.
 */
@Injectable()
export class KeyRotationService {
  private readonly logger = new Logger('KeyRotation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  async rotate(): Promise<RotationReport> {
    const report: RotationReport = { rotated: 0, current: 0, unreadable: [] };
    const currentPrefix = `v1:${this.box.currentKeyId}:`;
    for (const { table, key, columns } of SECRET_COLUMNS) {
      for (const column of columns) {
        report.current += Number(
          (
            await this.dataSource.query<{ n: string }[]>(
              `SELECT count(*) AS n FROM ${table} WHERE ${column} LIKE $1`,
              [`${currentPrefix}%`],
            )
          )[0].n,
        );
        let after = '';
        for (;;) {
          const rows = await this.dataSource.query<{ k: string; v: string }[]>(
            `SELECT ${key}::text AS k, ${column} AS v FROM ${table}
             WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1 AND ${key}::text > $2
             ORDER BY ${key}::text LIMIT ${BATCH}`,
            [`${currentPrefix}%`, after],
          );
          if (rows.length === 0) break;
          await this.dataSource.transaction(async (manager) => {
            for (const row of rows) {
              let plain: string;
              try {
                plain = this.box.open(row.v);
              } catch (error) {
                if (!(error instanceof SecretDecryptError)) throw error;
                report.unreadable.push(`${table}.${column}[${row.k}]`);
                continue;
              }
              const [, affected] = await manager.query<[unknown, number]>(
                `UPDATE ${table} SET ${column} = $1 WHERE ${key}::text = $2 AND ${column} = $3`,
                [this.box.seal(plain), row.k, row.v],
              );
              if (affected === 1) report.rotated += 1;
            }
          });
          after = rows[rows.length - 1].k;
        }
      }
    }
    this.logger.log(
      { rotated: report.rotated, unreadable: report.unreadable.length },
      'Key rotation finished',
    );
    return report;
  }
}
