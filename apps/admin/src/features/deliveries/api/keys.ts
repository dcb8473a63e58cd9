import type { DeliveryKind } from '../lib/kinds';

/** Query keys of unrouted webhooks and dead letters; replay and discard invalidate through these. */
export const deliveryKeys = {
  all: ['platform', 'deliveries'] as const,
  kind: (kind: DeliveryKind) => [...deliveryKeys.all, kind] as const,
  list: (kind: DeliveryKind, page: { page: number; page_size: number }) =>
    [...deliveryKeys.kind(kind), 'list', page] as const,
  detail: (kind: DeliveryKind, id: string) => [...deliveryKeys.kind(kind), 'detail', id] as const,
};
