import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { UnroutedWebhook, UnroutedWebhookPage } from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { maskSecret } from '../../common/crypto/masking';
import { PageQueryDto, pageWindow, toPage } from '../../common/http/query';
import { readWebhook } from './webhook-payload';
import { WebhookService } from './webhook.service';

interface Row {
  id: string;
  phone_number_id: string;
  display_phone_number: string | null;
  reason: UnroutedWebhook['reason'];
  event_count: number;
  first_seen_at: Date;
  last_seen_at: Date;
  occurrences: number;
  payload?: unknown;
  total?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_KEY = /token|secret|password|authorization|api_?key/i;

/** Deliveries for numbers no active tenant owns, for platform admins: look, replay, discard. */
@Injectable()
export class UnroutedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhookService,
  ) {}

  async list(query: PageQueryDto): Promise<UnroutedWebhookPage> {
    const { pageSize, offset } = pageWindow(query);
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, phone_number_id, display_phone_number, reason, event_count, first_seen_at, last_seen_at, occurrences,
              count(*) OVER ()::int AS total
       FROM unrouted_webhooks ORDER BY last_seen_at DESC, id LIMIT $1 OFFSET $2`,
      [pageSize, offset],
    );
    return toPage(
      rows.map((r) => toView(r)),
      rows[0]?.total ?? 0,
      query,
    );
  }

  async get(id: string): Promise<UnroutedWebhook> {
    return toView(await this.row(id), true);
  }

  /** Ingests the stored change again; only once its number routes to an active tenant. */
  async replay(id: string): Promise<{ result: string }> {
    const row = await this.row(id);
    const changes = readWebhook({ entry: [{ changes: [row.payload] }] });
    const phone = changes[0]?.phoneNumberId;
    const routable = phone ? await this.webhooks.routeOf(phone) : null;
    if (!routable || !('tenantId' in routable))
      throw new ConflictException(
        `Phone number ${phone ?? '(none)'} still routes to no active tenant: add it to a tenant's WhatsApp configuration first`,
      );
    const result = await this.webhooks.ingest(changes);
    await this.dataSource.query(`DELETE FROM unrouted_webhooks WHERE id = $1`, [id]);
    return { result };
  }

  async discard(id: string): Promise<void> {
    await this.row(id);
    await this.dataSource.query(`DELETE FROM unrouted_webhooks WHERE id = $1`, [id]);
  }

  private async row(id: string): Promise<Row> {
    const rows: Row[] = UUID.test(id)
      ? await this.dataSource.query(`SELECT * FROM unrouted_webhooks WHERE id = $1`, [id])
      : [];
    if (!rows[0]) throw new NotFoundException(`Unrouted webhook ${id} not found`);
    return rows[0];
  }
}

function toView(r: Row, withPayload = false): UnroutedWebhook {
  return {
    id: r.id,
    phone_number_id: r.phone_number_id || null,
    display_phone_number: r.display_phone_number,
    reason: r.reason,
    event_count: r.event_count,
    first_seen_at: new Date(r.first_seen_at).toISOString(),
    last_seen_at: new Date(r.last_seen_at).toISOString(),
    occurrences: r.occurrences,
    ...(withPayload ? { payload: maskSecrets(r.payload) } : {}),
  };
}

/** Webhook payloads carry no secrets by design; anything that looks like one is masked anyway. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && typeof v === 'string' ? maskSecret(v) : maskSecrets(v),
      ]),
    );
  return value;
}
