import { MigrationInterface, QueryRunner } from 'typeorm';

export class Messaging1795200010000 implements MigrationInterface {
  name = 'Messaging1795200010000';

  async up(db: QueryRunner): Promise<void> {
    // A WhatsApp user of one tenant. `contact_key` is the wa_id when Meta gave one, else the
    // business-scoped user id (2026 payloads may carry no phone number); playground contacts are
    // `sim:<digits>` so they never meet real ones.
    await db.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        contact_key text NOT NULL,
        wa_id text,
        user_id text,
        profile_name text,
        simulated boolean NOT NULL DEFAULT false,
        last_inbound_at timestamptz,
        window_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contacts_tenant_key UNIQUE (tenant_id, contact_key)
      )`);
    await db.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        phone_number_id text,
        state jsonb NOT NULL DEFAULT '{}'::jsonb,
        lead_state text NOT NULL DEFAULT 'unknown',
        lead_name text,
        llm_provider text,
        rag_url text,
        history_since timestamptz,
        simulated boolean NOT NULL DEFAULT false,
        -- The processing lease: one worker at a time handles this contact's messages, in order.
        -- An expired lease (crashed worker) is simply taken over by the next job.
        lease_until timestamptz,
        last_message_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT conversations_contact_key UNIQUE (contact_id)
      )`);
    await db.query(
      `CREATE INDEX conversations_tenant_recent_idx ON conversations (tenant_id, last_message_at DESC NULLS LAST, id)`,
    );
    await db.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        phone_number_id text NOT NULL,
        conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
        contact_key text NOT NULL,
        wa_id text,
        user_id text,
        profile_name text,
        direction text NOT NULL,
        type text NOT NULL,
        text text,
        raw jsonb,
        status text NOT NULL,
        error jsonb,
        wamid text,
        idempotency_key text,
        in_reply_to uuid,
        reply_index int,
        simulated boolean NOT NULL DEFAULT false,
        sent_at timestamptz,
        meta_timestamp timestamptz,
        llm_provider text,
        llm_model text,
        llm_latency_ms int,
        llm_prompt_tokens int,
        llm_completion_tokens int,
        llm_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        status_updated_at timestamptz,
        CONSTRAINT messages_direction_chk CHECK (direction IN ('inbound', 'outbound')),
        CONSTRAINT messages_idempotency_key UNIQUE (idempotency_key)
      )`);
    // The dedupe key of inbound deliveries: Meta retries and several subscribed apps repeat them.
    await db.query(
      `CREATE UNIQUE INDEX messages_inbound_wamid_key ON messages (phone_number_id, wamid) WHERE direction = 'inbound'`,
    );
    await db.query(
      `CREATE INDEX messages_outbound_wamid_idx ON messages (wamid) WHERE direction = 'outbound'`,
    );
    await db.query(
      `CREATE INDEX messages_pending_idx ON messages (tenant_id, contact_key, meta_timestamp, created_at) WHERE status IN ('received', 'processing')`,
    );
    await db.query(`CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at, id)`);
    await db.query(`CREATE INDEX messages_created_idx ON messages (created_at)`);
    // Status webhooks, deduplicated per (number, wamid, status); applied to the outbound row when it
    // exists, kept until it does (a status may arrive before the send's own answer).
    await db.query(`
      CREATE TABLE message_statuses (
        phone_number_id text NOT NULL,
        wamid text NOT NULL,
        status text NOT NULL,
        tenant_id text REFERENCES tenants (id) ON DELETE CASCADE,
        errors jsonb,
        occurred_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (phone_number_id, wamid, status)
      )`);
    await db.query(`CREATE INDEX message_statuses_wamid_idx ON message_statuses (wamid)`);
    // Deliveries for numbers no active tenant owns, folded per number and reason.
    await db.query(`
      CREATE TABLE unrouted_webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone_number_id text NOT NULL DEFAULT '',
        display_phone_number text,
        reason text NOT NULL,
        event_count int NOT NULL DEFAULT 0,
        payload jsonb NOT NULL,
        occurrences int NOT NULL DEFAULT 1,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT unrouted_webhooks_number_reason UNIQUE (phone_number_id, reason)
      )`);
    // Jobs that exhausted their retries.
    await db.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        tenant_id text,
        summary text NOT NULL,
        attempts int NOT NULL,
        last_error text NOT NULL,
        payload jsonb NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX dead_letters_failed_idx ON dead_letters (failed_at DESC)`);
    await db.query(`ALTER TABLE tenants ADD COLUMN reengagement_template jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tenants DROP COLUMN reengagement_template`);
    await db.query(`DROP TABLE dead_letters`);
    await db.query(`DROP TABLE unrouted_webhooks`);
    await db.query(`DROP TABLE message_statuses`);
    await db.query(`DROP TABLE messages`);
    await db.query(`DROP TABLE conversations`);
    await db.query(`DROP TABLE contacts`);
  }
}
