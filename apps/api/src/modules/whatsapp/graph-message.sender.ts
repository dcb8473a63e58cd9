import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { Metrics } from '../metrics/metrics.service';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import { GraphApiClient, GraphUnreachableError } from './graph-api.client';
import { Classification, classifyReply, networkError } from './graph-errors';
import { buildMessageBody, PayloadError } from './graph-payload';
import type { MessageSender, SendError, SendOutcome, SendRequest } from './message-sender.port';
import { SendPacer } from './pacing/send-pacer';
import { retryDelayMs } from './send-backoff';
import { SendLedgerRepository } from './send-ledger.repository';

/** Forget retry counts beyond this many messages (a safety net: each is cleared on its outcome). */
const MAX_TRACKED_ATTEMPTS = 10_000;

/**
 * The MessageSender on Meta's Cloud API. For each send, in order: a key that already succeeded
 * returns its wamid (ledger); a tenant whose WhatsApp credential is known bad gets `auth` without
 * a call; the reply is built and checked against Meta's limits; the pacer gives it a slot (or a
 * `retry`); Meta's answer is classified, and a token error marks the credential invalid.
 *
 * Idempotency has one unavoidable gap: if the process dies after Meta's 200 and before the
 * ledger row is written, a retried job sends the message a second time. Meta has no idempotency
 * key to close it; the gap is a few milliseconds per message.
 */
@Injectable()
export class GraphMessageSender implements MessageSender {
  private readonly logger = new Logger(GraphMessageSender.name);
  /** Two calls with one key at the same moment share one send. */
  private readonly inflight = new Map<string, Promise<SendOutcome>>();
  /** Failed attempts per key so far, for the backoff (cleared on any final outcome). */
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly graph: GraphApiClient,
    private readonly ledger: SendLedgerRepository,
    private readonly pacer: SendPacer,
    private readonly configs: ConfigLoader,
    private readonly health: CredentialHealthService,
    private readonly metrics: Metrics,
  ) {}

  send(request: SendRequest): Promise<SendOutcome> {
    const key = `${request.tenantId}\u0000${request.idempotencyKey}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const sending = this.sendOnce(request).finally(() => this.inflight.delete(key));
    this.inflight.set(key, sending);
    return sending;
  }

  async markRead(tenantId: string, phoneNumberId: string, wamid: string, typing: boolean): Promise<void> {
    try {
      if (await this.health.isInvalid(tenantId, 'whatsapp')) return;
      const token = await this.tokenFor(tenantId, phoneNumberId);
      if (typeof token !== 'string') return;
      const body: Record<string, unknown> = {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: wamid,
      };
      if (typing) body.typing_indicator = { type: 'text' };
      const reply = await this.graph.postMessages(phoneNumberId, token, body);
      if (reply.status >= 200 && reply.status < 300) return; // `{ success: true }`
      const outcome = classifyReply(reply);
      if (outcome.kind === 'auth') await this.markCredentialInvalid(tenantId, outcome.error);
      else if (outcome.kind !== 'sent')
        this.logger.warn({ tenantId, phoneNumberId, code: outcome.error.code }, 'mark as read failed');
    } catch (error) {
      this.logger.warn({ tenantId, phoneNumberId, error: (error as Error).message }, 'mark as read failed');
    }
  }

  private async sendOnce(request: SendRequest): Promise<SendOutcome> {
    const { tenantId, phoneNumberId, idempotencyKey } = request;
    // Two independent reads, side by side: each is a database round trip on every send.
    const [earlier, invalid] = await Promise.all([
      this.ledger.find(tenantId, idempotencyKey),
      this.health.isInvalid(tenantId, 'whatsapp'),
    ]);
    if (earlier) return { kind: 'sent', wamid: earlier.wamid };

    if (invalid) {
      return this.finish(request, {
        kind: 'auth',
        error: failure('The WhatsApp access token is marked invalid: nothing is sent until it is replaced'),
      });
    }
    const token = await this.tokenFor(tenantId, phoneNumberId);
    if (typeof token !== 'string') return this.finish(request, { kind: 'rejected', error: token });

    let body: Record<string, unknown>;
    try {
      body = buildMessageBody(request);
    } catch (error) {
      if (error instanceof PayloadError)
        return this.finish(request, { kind: 'rejected', error: failure(error.message) });
      throw error;
    }

    const recipient = String(body.to ?? body.recipient);
    const slot = this.pacer.decide(phoneNumberId, recipient);
    if (slot.kind === 'later') {
      // Our own pacing: not a failure, so it does not count as an attempt.
      return {
        kind: 'retry',
        retryAfterMs: slot.retryAfterMs,
        error: failure(
          `Paced: too many messages to this ${slot.scope === 'number' ? 'number' : 'user'} right now`,
        ),
      };
    }
    if (slot.waitMs > 0) await sleep(slot.waitMs);

    let classified: Classification;
    try {
      classified = classifyReply(await this.graph.postMessages(phoneNumberId, token, body));
    } catch (error) {
      if (!(error instanceof GraphUnreachableError)) throw error;
      classified = {
        kind: 'retry',
        scope: null,
        error: networkError(error.message),
        retryAfterHeaderMs: null,
      };
    }

    switch (classified.kind) {
      case 'sent':
        await this.recordSent(request, classified.wamid);
        return this.finish(request, classified);
      case 'retry': {
        const attempt = this.attempts.get(idempotencyKey) ?? 0;
        const retryAfterMs = retryDelayMs(classified.scope, attempt, classified.retryAfterHeaderMs);
        if (classified.scope) this.pacer.holdOff(classified.scope, phoneNumberId, recipient, retryAfterMs);
        if (this.attempts.size >= MAX_TRACKED_ATTEMPTS) this.attempts.clear();
        this.attempts.set(idempotencyKey, attempt + 1);
        this.metrics.outboundMessages.inc({
          result: 'retried',
          code: String(classified.error.code ?? 'none'),
        });
        return { kind: 'retry', retryAfterMs, error: classified.error };
      }
      case 'auth':
        await this.markCredentialInvalid(tenantId, classified.error);
        return this.finish(request, classified);
      default:
        return this.finish(request, classified);
    }
  }

  /** The ledger row right after Meta's 200; if it cannot be written the message still went out. */
  private async recordSent(request: SendRequest, wamid: string): Promise<void> {
    try {
      await this.ledger.record(request.tenantId, request.idempotencyKey, wamid);
    } catch (error) {
      this.logger.error(
        { tenantId: request.tenantId, wamid, error: (error as Error).message },
        'sent, but the send ledger was not written: a retried job would send this message again',
      );
    }
  }

  private finish(request: SendRequest, outcome: SendOutcome): SendOutcome {
    this.attempts.delete(request.idempotencyKey);
    const code = outcome.kind === 'sent' ? 'none' : String(outcome.error.code ?? 'none');
    this.metrics.outboundMessages.inc({ result: outcome.kind === 'sent' ? 'sent' : 'failed', code });
    return outcome;
  }

  /** The tenant's decrypted token when `phoneNumberId` is one of its numbers, else why not. */
  private async tokenFor(tenantId: string, phoneNumberId: string): Promise<string | SendError> {
    const tenant = await this.configs.forTenant(tenantId);
    const whatsapp = tenant?.whatsapp;
    const token = whatsapp?.getAccessToken();
    if (!whatsapp || !token) return failure('WhatsApp is not configured for this tenant (no access token)');
    const numbers = new Set([...whatsapp.getPhoneNumberIds(), whatsapp.getPhoneId()]);
    if (!numbers.has(phoneNumberId))
      return failure(`Phone number ${phoneNumberId} is not one of this tenant's numbers`);
    return token;
  }

  private async markCredentialInvalid(tenantId: string, error: SendError): Promise<void> {
    this.logger.warn({ tenantId, code: error.code }, 'Meta refused the WhatsApp access token');
    await this.health.record(tenantId, 'whatsapp', {
      status: 'invalid',
      error: `Meta refused the access token (code ${error.code}): ${error.title}`,
    });
  }
}

function failure(title: string): SendError {
  return { code: null, title, detail: null, httpStatus: null };
}
