import { SYSTEM_ACTOR } from '../../common/auth/actor';
import { TenantsService } from '../tenant-config/tenants.service';
import { BulkActions, OutsideTransactionHandler } from './bulk-actions';

// The other modules' services are not in this build; stand-ins for their ports show the mapping.
const tenants = {} as TenantsService;
const outside = (actions: BulkActions, action: 'health_check' | 'recrawl_knowledge') =>
  actions.handler(action) as OutsideTransactionHandler;

describe('BulkActions: actions behind optional ports', () => {
  it('skips with "Not available in this build" when nothing is bound', async () => {
    const actions = new BulkActions(tenants);
    for (const action of ['health_check', 'recrawl_knowledge'] as const) {
      expect(outside(actions, action).kind).toBe('outside_transaction');
      await expect(outside(actions, action).run(SYSTEM_ACTOR, 't1')).resolves.toEqual({
        status: 'skipped',
        message: 'Not available in this build',
      });
    }
  });

  it('maps a health check to succeeded or failed, with its message', async () => {
    const checked: string[] = [];
    const actions = new BulkActions(tenants, {
      checkTenant: (id) => {
        checked.push(id);
        return Promise.resolve(
          id === 'good'
            ? { ok: true, message: 'All credentials work' }
            : { ok: false, message: 'WhatsApp token invalid' },
        );
      },
    });
    const handler = outside(actions, 'health_check');
    await expect(handler.run(SYSTEM_ACTOR, 'good')).resolves.toEqual({
      status: 'succeeded',
      message: 'All credentials work',
    });
    await expect(handler.run(SYSTEM_ACTOR, 'bad')).resolves.toEqual({
      status: 'failed',
      message: 'WhatsApp token invalid',
    });
    expect(checked).toEqual(['good', 'bad']);
  });

  it('maps a re-crawl to how many sources it started, and skips a tenant without sources', async () => {
    const actions = new BulkActions(tenants, undefined, {
      recrawlAll: (id) => Promise.resolve({ sources: id === 'none' ? 0 : id === 'one' ? 1 : 3 }),
    });
    const handler = outside(actions, 'recrawl_knowledge');
    await expect(handler.run(SYSTEM_ACTOR, 'many')).resolves.toEqual({
      status: 'succeeded',
      message: 'Re-crawling 3 knowledge sources',
    });
    await expect(handler.run(SYSTEM_ACTOR, 'one')).resolves.toMatchObject({
      message: 'Re-crawling 1 knowledge source',
    });
    await expect(handler.run(SYSTEM_ACTOR, 'none')).resolves.toEqual({
      status: 'skipped',
      message: 'No knowledge sources',
    });
  });
});
