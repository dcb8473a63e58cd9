import { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantConfiguration1795200001000 implements MigrationInterface {
  name = 'TenantConfiguration1795200001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenants (
        id text PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'active',
        default_country text,
        welcome_message text,
        logo_url text,
        crm_kind text NOT NULL DEFAULT 'local',
        llm_provider text NOT NULL DEFAULT 'gemini',
        llm_model text,
        llm_allow_switch boolean NOT NULL DEFAULT true,
        llm_system_prompt text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenants_id_chk CHECK (id ~ '^[a-z0-9][a-z0-9_-]{1,62}$'),
        CONSTRAINT tenants_status_chk CHECK (status IN ('active', 'suspended')),
        CONSTRAINT tenants_crm_chk CHECK (crm_kind IN ('zoho', 'hubspot', 'local')),
        CONSTRAINT tenants_llm_chk CHECK (llm_provider IN ('gemini', 'ollama')),
        CONSTRAINT tenants_country_chk CHECK (default_country IS NULL OR default_country ~ '^[A-Z]{2}$')
      )`);
    // The admin list filters and sorts by these; lower(name) serves case-insensitive search and sort.
    await db.query(`CREATE INDEX tenants_status_idx ON tenants (status)`);
    await db.query(`CREATE INDEX tenants_crm_idx ON tenants (crm_kind)`);
    await db.query(`CREATE INDEX tenants_llm_idx ON tenants (llm_provider)`);
    await db.query(`CREATE INDEX tenants_name_idx ON tenants (lower(name), id)`);
    await db.query(`CREATE INDEX tenants_created_idx ON tenants (created_at DESC, id)`);

    // Secrets (*_enc) hold SecretBox ciphertext: `v1:<key id>:<base64>`.
    await db.query(`
      CREATE TABLE crm_connections (
        tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        zoho_client_id text,
        zoho_client_secret_enc text,
        zoho_accounts_url text,
        zoho_api_url text,
        zoho_refresh_token_enc text,
        hubspot_api_key_enc text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE tenant_configs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        waba_id text,
        phone_number_id text NOT NULL,
        display_phone_number text,
        business_id text,
        access_token_enc text,
        token_expires_at timestamptz,
        fb_app_id text,
        fb_app_secret_enc text,
        webhook_verify_token_enc text,
        callback_url text,
        onboarding_completed boolean NOT NULL DEFAULT false,
        onboarding_completed_at timestamptz,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenant_configs_tenant_key UNIQUE (tenant_id),
        CONSTRAINT tenant_configs_phone_number_id_key UNIQUE (phone_number_id)
      )`);
    await db.query(`CREATE INDEX tenant_configs_waba_idx ON tenant_configs (waba_id)`);
    await db.query(
      `CREATE INDEX tenant_configs_active_idx ON tenant_configs (is_active, onboarding_completed)`,
    );
    await db.query(
      `CREATE INDEX tenant_configs_expiry_idx ON tenant_configs (token_expires_at) WHERE token_expires_at IS NOT NULL`,
    );

    // Every number that routes webhooks to a tenant; unique across the platform.
    await db.query(`
      CREATE TABLE phone_numbers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        config_id uuid NOT NULL REFERENCES tenant_configs (id) ON DELETE CASCADE,
        phone_number_id text NOT NULL,
        display_phone_number text,
        verified_name text,
        quality_rating text,
        is_primary boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT phone_numbers_phone_number_id_key UNIQUE (phone_number_id)
      )`);
    await db.query(`CREATE INDEX phone_numbers_tenant_idx ON phone_numbers (tenant_id)`);
    await db.query(`CREATE INDEX phone_numbers_config_idx ON phone_numbers (config_id)`);

    await db.query(
      `ALTER TABLE users ADD CONSTRAINT users_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE`,
    );

    // Audit events outlive the tenant they describe (no foreign key): they hold masked data only.
    await db.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_email text,
        actor_role text,
        tenant_id text,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        before jsonb,
        after jsonb,
        ip text,
        request_id text
      )`);
    await db.query(`CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_events_tenant_idx ON audit_events (tenant_id, occurred_at DESC)`);
    await db.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC)`);
    await db.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_email, occurred_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_tenant_fk`);
    await db.query(`DROP TABLE phone_numbers`);
    await db.query(`DROP TABLE tenant_configs`);
    await db.query(`DROP TABLE crm_connections`);
    await db.query(`DROP TABLE tenants`);
  }
}
