import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadsCreatedIndex1795200014000 implements MigrationInterface {
  name = 'LeadsCreatedIndex1795200014000';

  async up(db: QueryRunner): Promise<void> {
    // The statistics' leads-per-day series reads every tenant's leads by capture day; the existing
    // indexes all lead with tenant_id, so without this one a date range scans the whole table.
    await db.query(`CREATE INDEX leads_created_idx ON leads (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX leads_created_idx`);
  }
}
