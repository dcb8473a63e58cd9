import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795200000000 implements MigrationInterface {
  name = 'Foundation1795200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        tenant_id text,
        disabled boolean NOT NULL DEFAULT false,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_email_lower_chk CHECK (email = lower(email)),
        CONSTRAINT users_role_chk CHECK (role IN ('platform_admin', 'tenant_admin')),
        CONSTRAINT users_tenant_chk CHECK ((role = 'platform_admin') = (tenant_id IS NULL))
      )`);
    await db.query(`CREATE INDEX users_tenant_id_idx ON users (tenant_id)`);
    await db.query(`
      CREATE TABLE rate_limit_hits (
        key text PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        hits integer NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit_hits`);
    await db.query(`DROP TABLE users`);
  }
}
