import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BulkAction, TenantStatus } from '@parley/shared-types';
import { ActorContext } from '../../common/auth/actor';
import { Tx } from '../../database/transaction';
import { TenantsService } from '../tenant-config/tenants.service';
import {
  KNOWLEDGE_RECRAWLER,
  KnowledgeRecrawler,
  NOT_AVAILABLE,
  TENANT_HEALTH_CHECKER,
  TenantHealthChecker,
} from './bulk-ports';

export interface BulkItemOutcome {
  status: 'succeeded' | 'failed' | 'skipped';
  message?: string;
}

/**
 * What one bulk action does to one tenant. `in_transaction` handlers run inside the transaction
 * that also records the tenant's result, so a change and its result commit together. Throwing a
 * DomainError fails this tenant only, with the error's message as its result.
 */
export interface TransactionalHandler {
  kind: 'in_transaction';
  run(tx: Tx, actor: ActorContext, tenantId: string): Promise<BulkItemOutcome>;
}

/**
 * Handlers that call another module (HTTP to Meta or a CRM, crawling pages) and write through that
 * module's own transactions. They run with no transaction open: holding one across them would keep
 * the item locked for seconds and, on the embedded database, deadlock the module's own writes.
 * They must be safe to repeat, since without the item lock a retried job may run one twice.
 */
export interface OutsideTransactionHandler {
  kind: 'outside_transaction';
  run(actor: ActorContext, tenantId: string): Promise<BulkItemOutcome>;
}

export type BulkActionHandler = TransactionalHandler | OutsideTransactionHandler;

/**
 * One handler per action. The Record type makes the compiler ask for a handler whenever an action
 * joins BULK_ACTIONS.
 */
@Injectable()
export class BulkActions {
  private readonly handlers: Record<BulkAction, BulkActionHandler>;

  constructor(
    tenants: TenantsService,
    @Optional() @Inject(TENANT_HEALTH_CHECKER) healthChecker?: TenantHealthChecker,
    @Optional() @Inject(KNOWLEDGE_RECRAWLER) recrawler?: KnowledgeRecrawler,
  ) {
    const setStatus = (status: TenantStatus, action: string, already: string): BulkActionHandler => ({
      kind: 'in_transaction',
      run: async (tx, actor, tenantId) =>
        (await tenants.setStatusWithin(tx, actor, tenantId, status, action))
          ? { status: 'succeeded' }
          : { status: 'skipped', message: already },
    });
    this.handlers = {
      activate: setStatus('active', 'tenant.bulk_activate', 'Already active'),
      deactivate: setStatus('suspended', 'tenant.bulk_deactivate', 'Already suspended'),
      delete: {
        kind: 'in_transaction',
        run: async (tx, actor, tenantId) => {
          await tenants.removeWithin(tx, actor, tenantId, 'tenant.bulk_delete');
          return { status: 'succeeded' };
        },
      },
      health_check: {
        kind: 'outside_transaction',
        run: async (_actor, tenantId) => {
          if (!healthChecker) return { status: 'skipped', message: NOT_AVAILABLE };
          const result = await healthChecker.checkTenant(tenantId);
          // A check that finds a bad credential did its job, but the tenant needs attention: the
          // per-tenant results list it among the failures, with what was wrong.
          return { status: result.ok ? 'succeeded' : 'failed', message: result.message };
        },
      },
      recrawl_knowledge: {
        kind: 'outside_transaction',
        run: async (_actor, tenantId) => {
          if (!recrawler) return { status: 'skipped', message: NOT_AVAILABLE };
          const { sources } = await recrawler.recrawlAll(tenantId);
          if (sources === 0) return { status: 'skipped', message: 'No knowledge sources' };
          return {
            status: 'succeeded',
            message: `Re-crawling ${sources} knowledge ${sources === 1 ? 'source' : 'sources'}`,
          };
        },
      },
    };
  }

  handler(action: BulkAction): BulkActionHandler {
    return this.handlers[action];
  }
}
