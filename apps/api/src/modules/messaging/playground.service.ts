import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { BotReply, PlaygroundMessageResponse } from '@parley/shared-types';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runInTransaction } from '../../database/transaction';
import { WebhookService } from '../webhook/webhook.service';
import { PlaygroundMessageDto } from './dto/playground.dto';

export const PLAYGROUND_PHONE_NUMBER_ID = 'playground';
const WAIT_MS = 20_000;
const POLL_MS = 100;

const contactKey = (from: string) => `sim:${from}`;

/**
 * The playground: a simulated inbound message goes through the real pipeline (stored, job,
 * worker, engine) and its replies are captured instead of sent. The request polls for the
 * outcome between short queries, so it holds no connection while the worker (maybe in another
 * process) runs.
 */
@Injectable()
export class PlaygroundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhookService,
  ) {}

  async send(tenantId: string, dto: PlaygroundMessageDto): Promise<PlaygroundMessageResponse> {
    const wamid = `wamid.playground.${randomBytes(12).toString('hex')}`;
    await runInTransaction(this.dataSource, (tx) =>
      this.webhooks.storeInbound(tx, [
        {
          tenantId,
          phoneNumberId: PLAYGROUND_PHONE_NUMBER_ID,
          wamid,
          contactKey: contactKey(dto.from),
          waId: dto.from,
          userId: null,
          profileName: dto.profile_name ?? null,
          type: 'text',
          text: dto.text,
          metaTimestamp: new Date().toISOString(),
          raw: { from: dto.from, id: wamid, type: 'text', text: { body: dto.text }, simulated: true },
          simulated: true,
        },
      ]),
    );
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const rows: { id: string; status: string; conversation_id: string }[] = await this.dataSource.query(
        `SELECT id, status, conversation_id FROM messages
         WHERE phone_number_id = $1 AND wamid = $2 AND direction = 'inbound' AND tenant_id = $3`,
        [PLAYGROUND_PHONE_NUMBER_ID, wamid, tenantId],
      );
      const inbound = rows[0];
      if (inbound && (inbound.status === 'processed' || inbound.status === 'failed')) {
        const replies: { raw: BotReply }[] = await this.dataSource.query(
          `SELECT raw FROM messages WHERE in_reply_to = $1 AND direction = 'outbound' ORDER BY reply_index, created_at`,
          [inbound.id],
        );
        return { conversation_id: inbound.conversation_id, wamid, replies: replies.map((r) => r.raw) };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new HttpException(
      'The bot did not answer within 20 seconds; the message stays in the conversation and may still be answered',
      HttpStatus.GATEWAY_TIMEOUT,
    );
  }

  /** Forgets the simulated contact: its conversation, messages and state. */
  async reset(tenantId: string, from: string): Promise<void> {
    await runInTransaction(this.dataSource, async ({ manager }) => {
      await manager.query(`DELETE FROM messages WHERE tenant_id = $1 AND contact_key = $2`, [
        tenantId,
        contactKey(from),
      ]);
      await manager.query(`DELETE FROM contacts WHERE tenant_id = $1 AND contact_key = $2 AND simulated`, [
        tenantId,
        contactKey(from),
      ]);
    });
  }
}
