/** What other modules may use of the CRM module. */
export { CrmModule } from './crm.module';
export { CRM_PROVIDER_FACTORY } from './crm-provider.port';
export type {
  CrmProvider,
  CrmProviderFactory,
  CrmLead,
  NewCrmLead,
  CrmConnectionCheck,
} from './crm-provider.port';
export { CrmError, isCrmError } from './crm-errors';
export type { CrmFailureKind } from './crm-errors';
export { LeadsService } from './leads.service';
export type { CapturedLead, KnownLead } from './leads.service';
export type { LeadInput } from './lead-input';
export { ZohoAccounts } from './zoho/zoho-accounts';
export * from './lead-parser';
