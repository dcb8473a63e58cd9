import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChatSettings1795200011000 implements MigrationInterface {
  name = 'ChatSettings1795200011000';

  async up(db: QueryRunner): Promise<void> {
    // Per-tenant settings of the conversation engine. bot_texts holds only overrides (keys of
    // BOT_TEXT_KEYS, checked by the API); the tenant's Gemini key is SecretBox ciphertext.
    await db.query(`
      ALTER TABLE tenants
        ADD COLUMN bot_texts jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN lead_capture_allow_skip_email boolean NOT NULL DEFAULT true,
        ADD COLUMN llm_gemini_api_key_enc text,
        ADD CONSTRAINT tenants_bot_texts_object_chk CHECK (jsonb_typeof(bot_texts) = 'object')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tenants
        DROP CONSTRAINT tenants_bot_texts_object_chk,
        DROP COLUMN llm_gemini_api_key_enc,
        DROP COLUMN lead_capture_allow_skip_email,
        DROP COLUMN bot_texts`);
  }
}
