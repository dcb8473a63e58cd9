import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule } from './common/common.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { ChatModule } from './modules/chat/chat.module';
import { CredentialHealthModule } from './modules/credential-health/credential-health.module';
import { RagModule } from './modules/chat/rag/rag.module';
import { CrmModule } from './modules/crm/crm.module';
import { BulkOperationsModule } from './modules/bulk-operations/bulk-operations.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { OnboardingModule } from './modules/onboarding/onboarding.module';
import { StatisticsModule } from './modules/statistics/statistics.module';
import { TenantConfigModule } from './modules/tenant-config/tenant-config.module';
import { WebhookModule } from './modules/webhook/webhook.module';
import { MessagingModule } from './modules/messaging/messaging.module';
import { WhatsAppModule } from './modules/whatsapp/whatsapp.module';
import { ProcessRole } from './config/process-role';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, role: ProcessRole = 'api'): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, role),
        DatabaseModule,
        CommonModule,
        MetricsModule,
        JobsModule,
        AuditModule,
        AuthModule,
        CredentialHealthModule,
        HealthModule,
        TenantConfigModule,
        CrmModule,
        ChatModule,
        OnboardingModule,
        BulkOperationsModule,
        StatisticsModule,
        WebhookModule,
        MessagingModule,
        WhatsAppModule,
        RagModule,
      ],
    };
  }
}
