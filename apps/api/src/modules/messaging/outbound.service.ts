import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MessageError } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { runInTransaction } from '../../database/transaction';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { Metrics } from '../metrics/metrics.service';
import { applyStatuses } from '../webhook/webhook.repository';
import { MESSAGE_SENDER, type MessageSender, type SendError } from '../whatsapp/message-sender.port';
import { MessagingRepository, OutboundRow } from './messaging.repository';

/** Thrown to let the job retry later (with backoff) while keeping the conversation's order. */
export class RetryLater extends Error {
  constructor(
    readonly retryAfterMs: number,
    message: string,
  ) {
    super(message);
  }
}

const CREDENTIAL_INVALID: MessageError = {
  code: 190,
  title: 'WhatsApp credential invalid',
  detail: 'Sending is stopped for this tenant until its WhatsApp access token is fixed.',
};

/**
 * Sends a conversation's queued outbound rows, oldest first, and records what Meta answered on
 * each row. Stops at the first row that must be retried, so later replies never overtake it.
 */
@Injectable()
export class OutboundService {
  private readonly logger = new Logger('Outbound');
  /** How long and how often a sent message's record is retried (tests shorten it). */
  recordRetry = { totalMs: 30_000, firstDelayMs: 250, maxDelayMs: 2000 };

  constructor(
    @Inject(MESSAGE_SENDER) private readonly sender: MessageSender,
    private readonly dataSource: DataSource,
    private readonly repository: MessagingRepository,
    private readonly health: CredentialHealthService,
    private readonly metrics: Metrics,
  ) {}

  async flush(conversationId: string): Promise<void> {
    for (
      let row = await this.repository.nextQueued(conversationId);
      row;
      row = await this.repository.nextQueued(conversationId)
    ) {
      await this.sendOne(row);
    }
  }

  private async sendOne(row: OutboundRow): Promise<void> {
    if (await this.health.isInvalid(row.tenant_id, 'whatsapp')) {
      await this.fail(row, CREDENTIAL_INVALID, 'credential');
      return;
    }
    const outcome = await this.sender.send({
      tenantId: row.tenant_id,
      phoneNumberId: row.phone_number_id,
      to: { waId: row.wa_id, userId: row.user_id },
      message: row.raw,
      idempotencyKey: row.idempotency_key,
      inReplyTo: row.in_reply_wamid,
    });
    switch (outcome.kind) {
      case 'sent':
        await this.recordSent(row, outcome.wamid);
        this.metrics.outboundMessages.inc({ result: 'sent', code: 'none' });
        return;
      case 'retry':
        await this.repository.noteRetry(row.id, toMessageError(outcome.error));
        this.metrics.outboundMessages.inc({ result: 'retried', code: String(outcome.error.code ?? 'none') });
        throw new RetryLater(outcome.retryAfterMs, `Graph asked to retry: ${outcome.error.title}`);
      case 'auth':
        await this.health.record(row.tenant_id, 'whatsapp', {
          status: 'invalid',
          error: `WhatsApp refused the access token (${outcome.error.code ?? outcome.error.httpStatus}): ${outcome.error.title}`,
        });
        await this.fail(row, toMessageError(outcome.error), String(outcome.error.code ?? 'none'));
        return;
      case 'window_closed':
        await this.windowClosed(row, toMessageError(outcome.error));
        return;
      case 'rejected':
        await this.fail(row, toMessageError(outcome.error), String(outcome.error.code ?? 'none'));
        return;
    }
  }

  /**
   * Graph has delivered the message: if the record is lost the row stays queued and is sent again,
   * so a failed write (the database restarting) is retried for a while before the job gives up.
   * The lease (60 s, renewed per message) outlasts the retries, so no other worker sends it meanwhile.
   */
  private async recordSent(row: OutboundRow, wamid: string): Promise<void> {
    const deadline = Date.now() + this.recordRetry.totalMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await runInTransaction(this.dataSource, async ({ manager }) => {
          await this.repository.markOutboundSent(manager, row.id, wamid);
          await applyStatuses(manager, [wamid]);
        });
        return;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        if (attempt === 0)
          this.logger.warn(
            { err: error, tenant_id: row.tenant_id, message_id: row.id },
            'Sent message could not be recorded; retrying so it is not sent twice',
          );
        const delay = Math.min(this.recordRetry.firstDelayMs * 2 ** attempt, this.recordRetry.maxDelayMs);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Outside the 24-hour window only a template may go: the tenant's, once per inbound message. */
  private async windowClosed(row: OutboundRow, error: MessageError): Promise<void> {
    const template =
      row.raw.type === 'template' ? null : await this.repository.reengagementTemplate(row.tenant_id);
    await runInTransaction(this.dataSource, async ({ manager }) => {
      await this.repository.markOutboundFailed(manager, row.id, error);
      if (!template) return;
      await manager.query(
        `INSERT INTO messages (tenant_id, phone_number_id, conversation_id, contact_key, wa_id, user_id, direction, type,
                               text, raw, status, idempotency_key, in_reply_to, reply_index, created_at)
         SELECT tenant_id, phone_number_id, conversation_id, contact_key, wa_id, user_id, 'outbound', 'template',
                $2, $3::jsonb, 'queued', split_part(idempotency_key, ':', 1) || ':reengage', in_reply_to, 1000,
                clock_timestamp()
         FROM messages WHERE id = $1
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [row.id, `[template ${template.name}]`, JSON.stringify({ type: 'template', ...template })],
      );
    });
    this.metrics.outboundMessages.inc({ result: 'failed', code: String(error.code ?? 'none') });
  }

  private async fail(row: OutboundRow, error: MessageError, code: string): Promise<void> {
    await runInTransaction(this.dataSource, ({ manager }) =>
      this.repository.markOutboundFailed(manager, row.id, error),
    );
    this.metrics.outboundMessages.inc({ result: 'failed', code });
    this.logger.warn(
      { tenant_id: row.tenant_id, message_id: row.id, code: error.code },
      'Outbound message failed',
    );
  }
}

function toMessageError(error: SendError): MessageError {
  return { code: error.code, title: error.title, detail: error.detail };
}
