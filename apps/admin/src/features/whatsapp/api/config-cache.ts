import type { WhatsAppConfig } from '@parley/shared-types';
import type { QueryClient } from '@tanstack/react-query';
import { tenantKeys } from '../../../api/tenant/keys';

/** After a write: the answer is the new config; settings (its WhatsApp summary) and the audit log are re-read. */
export async function storeConfig(
  queryClient: QueryClient,
  tenantId: string,
  config: WhatsAppConfig | null,
): Promise<void> {
  queryClient.setQueryData(tenantKeys.whatsappConfig(tenantId), config);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: tenantKeys.settings(tenantId) }),
    queryClient.invalidateQueries({ queryKey: tenantKeys.audit(tenantId) }),
  ]);
}
