import { MigrationInterface, QueryRunner } from 'typeorm';

export class CredentialHealth1795200002000 implements MigrationInterface {
  name = 'CredentialHealth1795200002000';

  async up(db: QueryRunner): Promise<void> {
    // One row per tenant and credential, written by sends that fail on a token, by the hourly
    // check and by on-demand checks. No row: `unknown`.
    await db.query(`
      CREATE TABLE credential_health (
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        credential text NOT NULL,
        status text NOT NULL,
        last_error text,
        expires_at timestamptz,
        checked_at timestamptz NOT NULL DEFAULT now(),
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, credential),
        CONSTRAINT credential_health_kind_chk
          CHECK (credential IN ('whatsapp', 'waba_subscription', 'zoho', 'hubspot')),
        CONSTRAINT credential_health_status_chk CHECK (status IN ('ok', 'expiring', 'invalid', 'unknown'))
      )`);
    await db.query(`CREATE INDEX credential_health_status_idx ON credential_health (status, tenant_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE credential_health`);
  }
}
