import { MigrationInterface, QueryRunner } from 'typeorm';

export class BulkOperations1795200005000 implements MigrationInterface {
  name = 'BulkOperations1795200005000';

  async up(db: QueryRunner): Promise<void> {
    // Platform-level records about tenants, not owned by one: like audit events they have no
    // foreign key to tenants, so the result of a bulk delete outlives the tenants it deleted.
    await db.query(`
      CREATE TABLE bulk_operations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action text NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        selection jsonb NOT NULL,
        total integer NOT NULL,
        actor_user_id uuid,
        actor_email text,
        actor_role text,
        actor_ip text,
        request_id text,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT bulk_operations_status_chk
          CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'failed'))
      )`);
    await db.query(`CREATE INDEX bulk_operations_created_idx ON bulk_operations (created_at DESC, id)`);
    await db.query(`
      CREATE TABLE bulk_operation_items (
        operation_id uuid NOT NULL REFERENCES bulk_operations (id) ON DELETE CASCADE,
        tenant_id text NOT NULL,
        tenant_name text,
        status text NOT NULL DEFAULT 'pending',
        message text,
        finished_at timestamptz,
        PRIMARY KEY (operation_id, tenant_id),
        CONSTRAINT bulk_operation_items_status_chk
          CHECK (status IN ('pending', 'succeeded', 'failed', 'skipped'))
      )`);
    // Progress counts and "next pending items" both read by (operation, status).
    await db.query(
      `CREATE INDEX bulk_operation_items_status_idx ON bulk_operation_items (operation_id, status, tenant_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE bulk_operation_items`);
    await db.query(`DROP TABLE bulk_operations`);
  }
}
