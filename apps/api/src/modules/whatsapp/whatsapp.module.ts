import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { TenantConfigModule } from '../tenant-config/tenant-config.module';
import { GraphApiClient } from './graph-api.client';
import { GraphMessageSender } from './graph-message.sender';
import { MESSAGE_SENDER } from './message-sender.port';
import { SendPacer } from './pacing/send-pacer';
import { SendLedgerRepository } from './send-ledger.repository';

/** Outbound WhatsApp: `MESSAGE_SENDER` is Meta's Cloud API, paced and idempotent. */
@Module({
  imports: [TenantConfigModule],
  providers: [
    GraphApiClient,
    SendLedgerRepository,
    GraphMessageSender,
    {
      provide: SendPacer,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new SendPacer({
          maxMpsPerNumber: config.graph.maxMpsPerNumber,
          pairIntervalMs: config.graph.pairIntervalSeconds * 1000,
          pairBurst: config.graph.pairBurst,
          maxWaitMs: config.graph.pacingMaxWaitMs,
        }),
    },
    { provide: MESSAGE_SENDER, useExisting: GraphMessageSender },
  ],
  exports: [MESSAGE_SENDER, GraphApiClient],
})
export class WhatsAppModule {}
