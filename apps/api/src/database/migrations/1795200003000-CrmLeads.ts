import { MigrationInterface, QueryRunner } from 'typeorm';

export class CrmLeads1795200003000 implements MigrationInterface {
  name = 'CrmLeads1795200003000';

  async up(db: QueryRunner): Promise<void> {
    // Health of a tenant's CRM connection (set by token refreshes, CRM calls and connection tests)
    // and the Zoho Lead_Source the tenant wants (null: the platform default).
    await db.query(`
      ALTER TABLE crm_connections
        ADD COLUMN status text NOT NULL DEFAULT 'unknown',
        ADD COLUMN last_error text,
        ADD COLUMN checked_at timestamptz,
        ADD COLUMN lead_source text,
        ADD CONSTRAINT crm_connections_status_chk CHECK (status IN ('unknown', 'healthy', 'unhealthy'))`);

    await db.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        first_name text,
        last_name text,
        email text,
        phone text NOT NULL,
        source text,
        crm_kind text NOT NULL,
        sync_state text NOT NULL DEFAULT 'pending',
        crm_id text,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT leads_tenant_phone_key UNIQUE (tenant_id, phone),
        CONSTRAINT leads_state_chk CHECK (sync_state IN ('pending', 'synced', 'failed')),
        CONSTRAINT leads_crm_chk CHECK (crm_kind IN ('zoho', 'hubspot', 'local')),
        CONSTRAINT leads_phone_chk CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$')
      )`);
    // The tenant's list (newest first, optionally by state) and the sweep for lost retries.
    await db.query(`CREATE INDEX leads_tenant_created_idx ON leads (tenant_id, created_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX leads_tenant_state_idx ON leads (tenant_id, sync_state, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX leads_pending_idx ON leads (next_attempt_at) WHERE sync_state = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE leads`);
    await db.query(`
      ALTER TABLE crm_connections
        DROP CONSTRAINT crm_connections_status_chk,
        DROP COLUMN lead_source,
        DROP COLUMN checked_at,
        DROP COLUMN last_error,
        DROP COLUMN status`);
  }
}
