import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Tx } from '../../database/transaction';
import { Metrics } from '../metrics/metrics.service';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import { IngestBatcher } from './ingest-batcher';
import { readWebhook, WebhookChange } from './webhook-payload';
import { sameSecret, signatureMatches } from './webhook-signature';
import { RoutedInbound, RoutedStatus, UnroutedReason } from './webhook.repository';

export type IngestResult = 'accepted' | 'duplicate' | 'unrouted' | 'empty';

export type Route = { tenantId: string } | { reason: UnroutedReason };

/**
 * The WhatsApp webhook: handshake, signature, and the durable ingest. Before Meta gets its 200,
 * every message and status of the delivery is stored under its unique key and the processing
 * jobs are enqueued, all in one transaction; a repeated delivery stores and enqueues nothing.
 */
@Injectable()
export class WebhookService {
  private readonly logger = new Logger('Webhook');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: ConfigLoader,
    private readonly batcher: IngestBatcher,
    private readonly metrics: Metrics,
  ) {}

  /** The verify handshake: the challenge when the token matches, else null (403). */
  async verify(query: Record<string, unknown>, tenantId?: string): Promise<string | null> {
    const expected = tenantId
      ? (await this.loader.forTenant(tenantId))?.whatsapp.getVerifyToken()
      : this.config.whatsapp.verifyToken;
    const token = query['hub.verify_token'];
    const challenge = query['hub.challenge'];
    if (query['hub.mode'] !== 'subscribe' || typeof challenge !== 'string') return null;
    return sameSecret(typeof token === 'string' ? token : undefined, expected) ? challenge : null;
  }

  /** Checks the signature, parses, stores and enqueues. Throws 401 / 400 / 503. */
  async receive(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    tenantId?: string,
  ): Promise<IngestResult> {
    const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.alloc(0);
    const secret = tenantId
      ? ((await this.loader.forTenant(tenantId))?.whatsapp.getAppSecret() ?? null)
      : (this.config.meta.appSecret ?? null);
    if (!signatureMatches(body, signature, secret)) {
      this.reject('signature');
      throw new UnauthorizedException('Missing or invalid X-Hub-Signature-256');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      this.reject('json');
      throw new BadRequestException('Request body is not valid JSON');
    }
    const result = await this.ingest(readWebhook(payload), tenantId);
    this.metrics.webhookDeliveries.inc({ result: result === 'empty' ? 'accepted' : result, reason: 'none' });
    return result;
  }

  /** Stores a parsed delivery, grouped with concurrent ones into one transaction (also replays unrouted changes). */
  async ingest(changes: WebhookChange[], urlTenantId?: string): Promise<IngestResult> {
    if (changes.every((c) => c.messages.length === 0 && c.statuses.length === 0)) return 'empty';
    try {
      const inbound: RoutedInbound[] = [];
      const statuses: RoutedStatus[] = [];
      const unrouted: { change: WebhookChange; reason: UnroutedReason }[] = [];
      for (const change of changes) {
        const route = await this.route(change.phoneNumberId, urlTenantId);
        if ('reason' in route) {
          if (change.messages.length + change.statuses.length > 0)
            unrouted.push({ change, reason: route.reason });
          continue;
        }
        const phoneNumberId = change.phoneNumberId as string;
        for (const m of change.messages) inbound.push({ ...m, tenantId: route.tenantId, phoneNumberId });
        for (const s of change.statuses) statuses.push({ ...s, tenantId: route.tenantId, phoneNumberId });
      }
      return await this.batcher.submit({ inbound, statuses, unrouted });
    } catch (error) {
      this.logger.error({ err: error }, 'Webhook delivery could not be stored; Meta will retry it');
      throw new ServiceUnavailableException('The delivery could not be stored; retry later');
    }
  }

  /** Stores simulated inbound events inside the caller's transaction (the playground). */
  storeInbound(tx: Tx, events: RoutedInbound[]): Promise<number> {
    return this.batcher.storeInbound(tx, events);
  }

  /** Where a number's webhooks go right now. */
  routeOf(phoneNumberId: string): Promise<Route> {
    return this.route(phoneNumberId);
  }

  private async route(phoneNumberId: string | null, urlTenantId?: string): Promise<Route> {
    if (!phoneNumberId) return { reason: 'no_metadata' };
    const tenant = await this.loader.forPhoneNumberId(phoneNumberId);
    if (!tenant || (urlTenantId && tenant.profile.id !== urlTenantId)) return { reason: 'unknown_number' };
    if (tenant.profile.status !== 'active' || tenant.whatsapp.isDeactivated())
      return { reason: 'inactive_tenant' };
    return { tenantId: tenant.profile.id };
  }

  private reject(reason: 'signature' | 'json' | 'size'): void {
    this.metrics.webhookDeliveries.inc({ result: 'rejected', reason });
  }
}
