import { Injectable } from '@nestjs/common';
import type { BulkAction, TenantStatus } from '@parley/shared-types';
import { ActorContext } from '../../common/auth/actor';
import { Tx } from '../../database/transaction';
import { TenantsService } from '../tenant-config/tenants.service';

export interface BulkItemOutcome {
  status: 'succeeded' | 'skipped';
  message?: string;
}

/**
 * What one bulk action does to one tenant. It runs inside the transaction that also records the
 * tenant's result, so a change and its result commit together. Throwing a DomainError fails this
 * tenant only, with the error's message as its result.
 */
export interface BulkActionHandler {
  run(tx: Tx, actor: ActorContext, tenantId: string): Promise<BulkItemOutcome>;
}

/**
 * One handler per action. The Record type makes the compiler ask for a handler whenever an action
 * joins BULK_ACTIONS (health_check, recrawl).
 */
@Injectable()
export class BulkActions {
  private readonly handlers: Record<BulkAction, BulkActionHandler>;

  constructor(tenants: TenantsService) {
    const setStatus = (status: TenantStatus, action: string, already: string): BulkActionHandler => ({
      run: async (tx, actor, tenantId) =>
        (await tenants.setStatusWithin(tx, actor, tenantId, status, action))
          ? { status: 'succeeded' }
          : { status: 'skipped', message: already },
    });
    this.handlers = {
      activate: setStatus('active', 'tenant.bulk_activate', 'Already active'),
      deactivate: setStatus('suspended', 'tenant.bulk_deactivate', 'Already suspended'),
      delete: {
        run: async (tx, actor, tenantId) => {
          await tenants.removeWithin(tx, actor, tenantId, 'tenant.bulk_delete');
          return { status: 'succeeded' };
        },
      },
    };
  }

  handler(action: BulkAction): BulkActionHandler {
    return this.handlers[action];
  }
}
