/** The queue of inbound work: one job per contact with new messages (the worker drains them in order). */
export const INBOUND_QUEUE = 'messaging-inbound';

export interface InboundJob {
  tenantId: string;
  contactKey: string;
}
