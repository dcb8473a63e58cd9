import { Module } from '@nestjs/common';
import { AdminConfigsController } from './admin-configs.controller';
import { AdminTenantsController, AdminTenantUsersController } from './admin-tenants.controller';
import { ConfigLoader } from './config-loader.service';
import { TenantConfigController, TenantSettingsController } from './tenant-self.controller';
import { TenantUsersService } from './tenant-users.service';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';
import { TenantImportService } from './tenant-import.service';
import { WhatsAppConfigService } from './whatsapp-config.service';

@Module({
  controllers: [
    AdminTenantsController,
    AdminTenantUsersController,
    AdminConfigsController,
    TenantSettingsController,
    TenantConfigController,
  ],
  providers: [
    ConfigLoader,
    TenantsRepository,
    TenantsService,
    TenantUsersService,
    WhatsAppConfigService,
    TenantImportService,
  ],
  exports: [ConfigLoader, TenantsService, WhatsAppConfigService, TenantImportService],
})
export class TenantConfigModule {}
