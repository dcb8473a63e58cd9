import type { TenantResponse, UpdateTenantSettingsRequest } from '@parley/shared-types';

/** The tenant's own settings as the settings pages read and write them (bot texts and lead capture included). */
export type TenantSettings = TenantResponse;
export type UpdateSettingsRequest = UpdateTenantSettingsRequest;
