import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseRuntime } from '../../database/database-runtime';
import { runInTransaction, Tx } from '../../database/transaction';
import { JobQueue } from '../jobs/job-queue.service';
import { INBOUND_QUEUE, InboundJob } from './inbound-job';
import { WebhookChange } from './webhook-payload';
import {
  InsertedInbound,
  InsertedStatus,
  RoutedInbound,
  RoutedStatus,
  UnroutedReason,
  WebhookRepository,
} from './webhook.repository';

/** One delivery, routed, ready to store. */
export interface IngestItem {
  inbound: RoutedInbound[];
  statuses: RoutedStatus[];
  unrouted: { change: WebhookChange; reason: UnroutedReason }[];
}

export type IngestOutcome = 'accepted' | 'duplicate' | 'unrouted';

interface Waiting {
  item: IngestItem;
  resolve(outcome: IngestOutcome): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 256;
const COMMITTERS = 3;
const key = (phoneNumberId: string, wamid: string) => `${phoneNumberId}\u0001${wamid}`;

/**
 * Group commit for webhook deliveries. A delivery that arrives while a committer is free is
 * stored at once, alone; deliveries that arrive while all are busy wait and then go together.
 * Messages only (the common case): one statement inserts the messages and, from what it inserted,
 * one job per contact (atomic on its own: one round trip, no BEGIN/COMMIT). With statuses or
 * unrouted changes: one transaction. Each caller answers only after the commit that holds its
 * events. If a group fails, its deliveries are retried one by one, so one bad delivery cannot
 * fail the others.
 */
@Injectable()
export class IngestBatcher {
  private readonly logger = new Logger('WebhookIngest');
  private waiting: Waiting[] = [];
  /** Transactions in flight; up to `committers` at once (the embedded database runs one at a time anyway). */
  private active = 0;
  private readonly committers: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: WebhookRepository,
    private readonly jobs: JobQueue,
    runtime: DatabaseRuntime,
  ) {
    // While one group commits (its WAL flush), the next can already be inserting.
    this.committers = runtime.mode === 'embedded' ? 1 : COMMITTERS;
  }

  submit(item: IngestItem): Promise<IngestOutcome> {
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.active < this.committers) void this.drain();
    });
  }

  /** Stores events inside the caller's transaction (the playground's simulated messages). */
  async storeInbound(tx: Tx, events: RoutedInbound[]): Promise<number> {
    const inserted = await this.repository.insertInbound(tx.manager, events);
    await this.enqueue(tx, inserted);
    return inserted.length;
  }

  private async drain(): Promise<void> {
    this.active += 1;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          const outcomes = await this.commit(batch.map((w) => w.item));
          batch.forEach((w, i) => w.resolve(outcomes[i]));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          this.logger.warn(
            { err: error, deliveries: batch.length },
            'Grouped ingest failed; retrying one by one',
          );
          for (const w of batch) {
            try {
              w.resolve((await this.commit([w.item]))[0]);
            } catch (single) {
              w.reject(single);
            }
          }
        }
      }
    } finally {
      this.active -= 1;
    }
  }

  /** One transaction (or one statement) for all items; what each item's own events turned out to be. */
  private async commit(items: IngestItem[]): Promise<IngestOutcome[]> {
    const events = items.flatMap((i) => i.inbound);
    if (items.every((i) => i.statuses.length === 0 && i.unrouted.length === 0)) {
      // The common case, messages only: messages and their jobs in one statement, no BEGIN/COMMIT.
      const inserted = await this.repository.insertInboundWithJobs(this.dataSource, events, INBOUND_QUEUE);
      if (inserted.length > 0) this.jobs.wakeSoon(INBOUND_QUEUE);
      return this.outcomes(items, inserted, []);
    }
    return runInTransaction(this.dataSource, async (tx) => {
      const inbound = await this.repository.insertInboundWithJobs(tx.manager, events, INBOUND_QUEUE);
      if (inbound.length > 0) tx.afterCommit(() => this.jobs.wakeSoon(INBOUND_QUEUE));
      const statuses = await this.repository.insertStatuses(
        tx.manager,
        items.flatMap((i) => i.statuses),
      );
      const reengaged = await this.repository.reengageClosedWindows(tx.manager, [
        ...new Set(statuses.filter((r) => r.status === 'failed').map((r) => r.wamid)),
      ]);
      await this.enqueue(tx, reengaged);
      const newUnrouted = new Set<number>();
      for (const [index, item] of items.entries()) {
        for (const { change, reason } of item.unrouted) {
          const isNew = await this.repository.recordUnrouted(tx.manager, {
            phoneNumberId: change.phoneNumberId,
            displayPhoneNumber: change.displayPhoneNumber,
            reason,
            eventCount: change.messages.length + change.statuses.length,
            payload: change.raw,
          });
          if (isNew) {
            newUnrouted.add(index);
            // Logged once per number and reason; later deliveries only count up on the row.
            tx.afterCommit(() =>
              this.logger.warn(
                { phone_number_id: change.phoneNumberId, reason },
                'Webhook for a number no active tenant owns; stored as unrouted',
              ),
            );
          }
        }
      }
      return this.outcomes(items, inbound, statuses);
    });
  }

  private outcomes(
    items: IngestItem[],
    inbound: InsertedInbound[],
    statuses: InsertedStatus[],
  ): IngestOutcome[] {
    const fresh = new Set([
      ...inbound.map((r) => key(r.phone_number_id, r.wamid)),
      ...statuses.map((r) => key(r.phone_number_id, `${r.wamid}\u0001${r.status}`)),
    ]);
    return items.map((item): IngestOutcome => {
      const isFresh =
        item.inbound.some((e) => fresh.has(key(e.phoneNumberId, e.wamid))) ||
        item.statuses.some((e) => fresh.has(key(e.phoneNumberId, `${e.wamid}\u0001${e.status}`)));
      if (isFresh) return 'accepted';
      return item.unrouted.length > 0 ? 'unrouted' : 'duplicate';
    });
  }

  /** One job per contact that got new messages, all in one statement. */
  private async enqueue(tx: Tx, inserted: { tenant_id: string; contact_key: string }[]): Promise<void> {
    const contacts = new Map<string, InboundJob>();
    for (const row of inserted)
      contacts.set(`${row.tenant_id}\u0001${row.contact_key}`, {
        tenantId: row.tenant_id,
        contactKey: row.contact_key,
      });
    await this.jobs.sendMany<InboundJob>(INBOUND_QUEUE, [...contacts.values()], { tx });
  }
}
