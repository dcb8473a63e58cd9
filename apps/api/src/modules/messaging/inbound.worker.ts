import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { runInTransaction } from '../../database/transaction';
import { untilDatabaseAnswers } from '../../database/wait-for-database';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { JobInfo, JobQueue } from '../jobs/job-queue.service';
import { MESSAGE_SENDER, type MessageSender } from '../whatsapp/message-sender.port';
import { INBOUND_QUEUE, InboundJob } from '../webhook/inbound-job';
import { engineText } from '../webhook/webhook-payload';
import { CONVERSATION_ENGINE, type ConversationEngine } from './conversation-engine.port';
import { DeadLettersRepository } from './dead-letters.repository';
import { MessagingRepository, PendingInbound } from './messaging.repository';
import { OutboundService } from './outbound.service';

/** How long one worker owns a contact without renewing; a crashed worker's lease just runs out. */
export const LEASE_SECONDS = 60;
export const INBOUND_SWEEP_QUEUE = 'messaging-inbound-sweep';

/**
 * Processes a contact's inbound messages strictly in order: the job takes the conversation's
 * lease, sends whatever replies are still queued, then handles each pending message (engine →
 * one transaction with the replies, the conversation patch and the inbound marked processed →
 * send). Different contacts run in parallel on different jobs. A job that finds the lease taken
 * leaves: the holder sees the new message before it lets go (releaseIfIdle).
 */
@Injectable()
export class InboundWorker implements OnModuleInit {
  private readonly logger = new Logger('Inbound');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CONVERSATION_ENGINE) private readonly engine: ConversationEngine,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly repository: MessagingRepository,
    private readonly outbound: OutboundService,
    private readonly deadLetters: DeadLettersRepository,
    private readonly health: CredentialHealthService,
    @Inject(MESSAGE_SENDER) private readonly sender: MessageSender,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.defineQueue({
      name: INBOUND_QUEUE,
      retryLimit: this.config.messaging.retryLimit,
      retryDelaySeconds: this.config.messaging.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: LEASE_SECONDS * 5,
    });
    await this.jobs.defineQueue({ name: INBOUND_SWEEP_QUEUE, retryLimit: 0 });
    await this.jobs.work<InboundJob>(INBOUND_QUEUE, (job) => this.run(job));
    await this.jobs.work(INBOUND_SWEEP_QUEUE, async () => void (await this.sweep()), { concurrency: 1 });
    if (this.jobs.workersEnabled) await this.jobs.schedule(INBOUND_SWEEP_QUEUE, '* * * * *');
  }

  async run(job: JobInfo<InboundJob>): Promise<void> {
    const { tenantId, contactKey } = job.data;
    const conversationId = await this.repository.ensureConversation(tenantId, contactKey);
    if (!conversationId || !(await this.repository.acquireLease(conversationId, LEASE_SECONDS))) return;
    let current: PendingInbound | null = null;
    // process() ends by flushing the message's replies: the next round need not look for queued
    // replies again (one query a message). Replies queued by others meanwhile (a re-engagement
    // template from a status webhook, a dead-letter replay) are sent by the next message's flush,
    // oldest first, or keep releaseIfIdle from letting go until a round flushes them.
    let flushed = false;
    try {
      for (;;) {
        if (!flushed) await this.outbound.flush(conversationId);
        flushed = false;
        // The lease is renewed before every message (it was just taken for the first one).
        current = await this.repository.renewLeaseAndNextPending(
          conversationId,
          LEASE_SECONDS,
          tenantId,
          contactKey,
        );
        if (!current) {
          if (await this.repository.releaseIfIdle(conversationId, tenantId, contactKey)) return;
          continue;
        }
        await this.process(conversationId, current);
        flushed = true;
        current = null;
      }
    } catch (error) {
      // A database restart: clean up once it is back, so the retry comes in seconds, not minutes.
      await untilDatabaseAnswers(this.dataSource);
      await this.repository.releaseLease(conversationId).catch(() => undefined);
      if (job.retryCount >= job.retryLimit) await this.giveUp(job, conversationId, current, error);
      throw error;
    }
  }

  /** One inbound message: engine, then replies + conversation + processed in one transaction. */
  private async process(conversationId: string, message: PendingInbound): Promise<void> {
    const conversation = await this.repository.startProcessing(message.id, conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} vanished`);
    if (!conversation.simulated && !(await this.health.isInvalid(conversation.tenant_id, 'whatsapp')))
      // Read receipt and typing indicator while the engine works; best effort, never waited for.
      void this.sender
        .markRead(conversation.tenant_id, message.phone_number_id, message.wamid, true)
        .catch(() => undefined);
    const [history, firstContact] = await Promise.all([
      this.repository.history(conversation, message.id),
      this.repository.isFirstContact(conversationId, message.id),
    ]);
    const result = await this.engine.handle({
      tenantId: conversation.tenant_id,
      conversation: {
        id: conversation.id,
        contact: {
          id: conversation.contact_id,
          waId: conversation.wa_id,
          userId: conversation.user_id,
          profileName: conversation.profile_name,
          phone: conversation.wa_id ? `+${conversation.wa_id.replace(/^\+/, '')}` : null,
        },
        firstContact,
        state: conversation.state,
        leadState: conversation.lead_state,
        leadName: conversation.lead_name,
        llmProvider: conversation.llm_provider,
        ragUrl: conversation.rag_url,
        simulated: conversation.simulated,
      },
      message: {
        id: message.id,
        wamid: message.wamid,
        type: message.type,
        text: engineText(message.type, message.text),
        receivedAt: new Date(message.received_at),
      },
      history,
    });
    await runInTransaction(this.dataSource, async ({ manager }) => {
      // Another run of this job may have committed first (crash, lease overrun): then nothing here.
      if (!(await this.repository.completeInbound(manager, message.id, result.llm))) return;
      await this.repository.insertReplies(manager, conversation, message, result.replies);
      await this.repository.patchConversation(
        manager,
        conversationId,
        result.conversation,
        result.historyReset ?? false,
      );
      await this.repository.touchContact(manager, conversation.contact_id, new Date(message.received_at));
    });
    await this.outbound.flush(conversationId);
  }

  private async giveUp(
    job: JobInfo<InboundJob>,
    conversationId: string,
    message: PendingInbound | null,
    error: unknown,
  ): Promise<void> {
    const text = error instanceof Error ? error.message : String(error);
    if (message)
      await this.repository.markInboundFailed(message.id, {
        code: null,
        title: 'Processing failed',
        detail: text,
      });
    // Replies still queued stop here too (else the sweep would retry them forever); a replay requeues them.
    await this.repository.giveUpQueued(conversationId, text);
    await this.deadLetters.add({
      queue: INBOUND_QUEUE,
      tenantId: job.data.tenantId,
      summary: message
        ? `inbound message ${message.wamid} from ${job.data.contactKey}`
        : `inbound messages from ${job.data.contactKey}`,
      attempts: job.retryCount + 1,
      lastError: text,
      payload: { ...job.data, messageId: message?.id ?? null, conversationId },
    });
    this.logger.error({ tenant_id: job.data.tenantId, err: error }, 'Inbound job exhausted its retries');
  }

  /**
   * Stuck-state recovery: a contact with pending inbound messages, or a conversation with replies
   * still queued, and no live lease (its worker died) gets a job again.
   */
  async sweep(): Promise<number> {
    const rows: InboundJob[] = await this.dataSource.query(
      `SELECT DISTINCT m.tenant_id AS "tenantId", m.contact_key AS "contactKey"
       FROM messages m
       LEFT JOIN contacts c ON c.tenant_id = m.tenant_id AND c.contact_key = m.contact_key
       LEFT JOIN conversations cv ON cv.contact_id = c.id
       WHERE m.direction = 'inbound' AND m.status IN ('received', 'processing')
         AND m.created_at < now() - interval '30 seconds'
         AND (cv.lease_until IS NULL OR cv.lease_until < now())
       UNION
       SELECT DISTINCT cv.tenant_id, c.contact_key
       FROM messages o JOIN conversations cv ON cv.id = o.conversation_id JOIN contacts c ON c.id = cv.contact_id
       WHERE o.direction = 'outbound' AND o.status = 'queued' AND o.created_at < now() - interval '30 seconds'
         AND (cv.lease_until IS NULL OR cv.lease_until < now())
       LIMIT 500`,
    );
    for (const job of rows) await this.jobs.send<InboundJob>(INBOUND_QUEUE, job);
    return rows.length;
  }
}
