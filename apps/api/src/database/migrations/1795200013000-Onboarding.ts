import { MigrationInterface, QueryRunner } from 'typeorm';

export class Onboarding1795200013000 implements MigrationInterface {
  name = 'Onboarding1795200013000';

  async up(db: QueryRunner): Promise<void> {
    // One Embedded Signup run of a tenant. The business token and the registration PIN live
    // here (SecretBox ciphertext) until the last step copies the token into tenant_configs; a
    // failed attempt keeps them so a retry can resume without a new (30-second) code.
    await db.query(`
      CREATE TABLE onboarding_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        waba_id text NOT NULL,
        phone_number_id text NOT NULL,
        business_id text,
        code_sha256 text NOT NULL,
        status text NOT NULL DEFAULT 'running',
        access_token_enc text,
        token_expires_at timestamptz,
        pin_enc text,
        display_phone_number text,
        verified_name text,
        quality_rating text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT onboarding_attempts_status_chk CHECK (status IN ('running', 'failed', 'completed'))
      )`);
    await db.query(
      `CREATE INDEX onboarding_attempts_tenant_idx ON onboarding_attempts (tenant_id, created_at DESC)`,
    );
    // The six steps of an attempt, for the admin app's live progress and for resuming.
    await db.query(`
      CREATE TABLE onboarding_steps (
        attempt_id uuid NOT NULL REFERENCES onboarding_attempts (id) ON DELETE CASCADE,
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        position int NOT NULL,
        step text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        error text,
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (attempt_id, step),
        CONSTRAINT onboarding_steps_status_chk
          CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped'))
      )`);
    // OAuth `state` values handed out for "Connect Zoho": only a hash is stored; single use.
    await db.query(`
      CREATE TABLE oauth_states (
        state_sha256 text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        provider text NOT NULL,
        accounts_url text NOT NULL,
        -- Who asked for the URL: the callback acts (and is audited) as that user.
        user_id uuid,
        user_email text,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT oauth_states_provider_chk CHECK (provider IN ('zoho'))
      )`);
    await db.query(`CREATE INDEX oauth_states_expires_idx ON oauth_states (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE oauth_states`);
    await db.query(`DROP TABLE onboarding_steps`);
    await db.query(`DROP TABLE onboarding_attempts`);
  }
}
