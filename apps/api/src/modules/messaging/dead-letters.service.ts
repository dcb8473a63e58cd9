import { Injectable, NotFoundException } from '@nestjs/common';
import type { DeadLetter, DeadLetterPage } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { PageQueryDto, pageWindow, toPage } from '../../common/http/query';
import { runInTransaction } from '../../database/transaction';
import { JobQueue } from '../jobs/job-queue.service';
import { maskSecrets } from '../webhook/unrouted.service';
import { DeadLettersRepository } from './dead-letters.repository';
import { GAVE_UP } from './messaging.repository';

/** Dead letters for platform admins: a replay enqueues the job again (and reopens its message). */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: DeadLettersRepository,
    private readonly jobs: JobQueue,
  ) {}

  async list(query: PageQueryDto): Promise<DeadLetterPage> {
    const { pageSize, offset } = pageWindow(query);
    const { items, total } = await this.repository.list(offset, pageSize);
    return toPage(items, total, query);
  }

  async get(id: string): Promise<DeadLetter> {
    const item = await this.repository.get(id);
    if (!item) throw new NotFoundException(`Dead letter ${id} not found`);
    return { ...item, payload: maskSecrets(item.payload) };
  }

  async replay(id: string): Promise<{ job_id: string | null }> {
    const row = await this.repository.row(id);
    if (!row) throw new NotFoundException(`Dead letter ${id} not found`);
    const { messageId, conversationId, ...data } = row.payload as {
      messageId?: string | null;
      conversationId?: string | null;
    } & Record<string, unknown>;
    return runInTransaction(this.dataSource, async (tx) => {
      if (messageId)
        await tx.manager.query(
          `UPDATE messages SET status = 'received', error = NULL, status_updated_at = now()
           WHERE id = $1 AND direction = 'inbound' AND status = 'failed'`,
          [messageId],
        );
      if (conversationId)
        await tx.manager.query(
          `UPDATE messages SET status = 'queued', status_updated_at = now()
           WHERE conversation_id = $1 AND direction = 'outbound' AND status = 'failed' AND error->>'title' = $2`,
          [conversationId, GAVE_UP],
        );
      const jobId = await this.jobs.send(row.queue, data, { tx });
      await tx.manager.query(`DELETE FROM dead_letters WHERE id = $1`, [id]);
      return { job_id: jobId };
    });
  }

  async discard(id: string): Promise<void> {
    if (!(await this.repository.remove(id))) throw new NotFoundException(`Dead letter ${id} not found`);
  }
}
