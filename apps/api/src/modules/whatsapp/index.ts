/** What other modules may use of the WhatsApp (outbound) module. */
export { WhatsAppModule } from './whatsapp.module';
export { MESSAGE_SENDER } from './message-sender.port';
export type { MessageSender, SendError, SendOutcome, SendRequest } from './message-sender.port';
export { GraphApiClient, GraphUnreachableError } from './graph-api.client';
export { classifyReply, graphErrorOf, GRAPH_CODES } from './graph-errors';
export type { GraphReply } from './graph-errors';
export { GraphCallError } from './graph-errors';
export type { GraphRequest } from './graph-api.client';
