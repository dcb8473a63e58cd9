import { AdminRoutes } from '@parley/shared-types';

/** The two kinds of undelivered work a platform admin can inspect, replay or discard. */
export type DeliveryKind = 'unrouted' | 'dead-letters';

export const DELIVERY_ROUTES: Record<
  DeliveryKind,
  { list: string; item: (id: string) => string; replay: (id: string) => string }
> = {
  unrouted: {
    list: AdminRoutes.unroutedWebhooks,
    item: AdminRoutes.unroutedWebhook,
    replay: AdminRoutes.unroutedWebhookReplay,
  },
  'dead-letters': {
    list: AdminRoutes.deadLetters,
    item: AdminRoutes.deadLetter,
    replay: AdminRoutes.deadLetterReplay,
  },
};
