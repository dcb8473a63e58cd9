import { MigrationInterface, QueryRunner } from 'typeorm';

export class WhatsAppSendLedger1795200016000 implements MigrationInterface {
  name = 'WhatsAppSendLedger1795200016000';

  async up(db: QueryRunner): Promise<void> {
    // One row per outbound message Meta accepted, written right after Meta's answer: a send
    // repeated with the same key (a job run twice) returns the recorded wamid and calls nobody.
    await db.query(`
      CREATE TABLE whatsapp_send_ledger (
        idempotency_key text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        wamid text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    // For pruning old rows per tenant (a repeat comes minutes after the first send, not months).
    await db.query(
      `CREATE INDEX whatsapp_send_ledger_tenant_sent_idx ON whatsapp_send_ledger (tenant_id, sent_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE whatsapp_send_ledger`);
  }
}
