/**
 * What bulk operations ask of other modules for the actions that are not plain tenant changes.
 * Both are optional: a build without the module behind one answers each tenant `skipped`.
 * The onboarding module's CredentialCheckService and the knowledge module's KnowledgeService
 * implement them; the app module binds the tokens to them.
 */
export const TENANT_HEALTH_CHECKER = Symbol('TENANT_HEALTH_CHECKER');
export const KNOWLEDGE_RECRAWLER = Symbol('KNOWLEDGE_RECRAWLER');

export interface TenantHealthChecker {
  /** Checks every credential of the tenant now and records the result in credential health. */
  checkTenant(tenantId: string): Promise<{ ok: boolean; message: string }>;
}

export interface KnowledgeRecrawler {
  /** Re-reads every knowledge source of the tenant; answers how many it started. */
  recrawlAll(tenantId: string): Promise<{ sources: number }>;
}

export const NOT_AVAILABLE = 'Not available in this build';
