import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseRuntime } from './database-runtime';

type Handler = (payload: string) => void;

/**
 * Cross-process signals over PostgreSQL LISTEN/NOTIFY (cache invalidation, worker wake-ups).
 * With the embedded database there is only this process, so signals stay in memory.
 * A publisher's own process also receives its signal, exactly once.
 */
@Injectable()
export class NotificationHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationHub');
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly channels = new Set<string>();
  private client: Client | null = null;
  private stopped = false;
  private reconnectDelayMs = 500;

  constructor(
    private readonly runtime: DatabaseRuntime,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.runtime.mode === 'postgres') await this.connect();
  }

  async subscribe(channel: string, handler: Handler): Promise<void> {
    assertChannel(channel);
    this.local.on(channel, handler);
    if (!this.channels.has(channel)) {
      this.channels.add(channel);
      await this.client?.query(`LISTEN ${channel}`);
    }
  }

  async publish(channel: string, payload: string): Promise<void> {
    assertChannel(channel);
    if (this.runtime.mode === 'embedded') {
      this.local.emit(channel, payload);
      return;
    }
    await this.dataSource.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.runtime.url, application_name: 'parley-listen' });
    client.on('notification', (msg) => this.local.emit(msg.channel, msg.payload ?? ''));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'LISTEN connection lost; reconnecting');
      this.client = null;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    });
    await client.connect();
    for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    this.client = client;
    this.reconnectDelayMs = 500;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(delay * 2, 15_000);
    setTimeout(() => {
      this.connect()
        .then(() => {
          // Anything published while we were away was missed: tell subscribers to resync.
          for (const channel of this.channels) this.local.emit(channel, RESYNC);
        })
        .catch(() => this.scheduleReconnect());
    }, delay).unref();
  }
}

/** Payload delivered to every subscriber after a reconnect: whatever you cache may be stale. */
export const RESYNC = '*';

function assertChannel(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Bad notification channel name: ${channel}`);
}
