/**
 * What the pipeline injects for the engine and the sender. They are the ports'
 * `ConversationEngine` and `MessageSender`, under tokens of this module's own so that binding
 * them here (the sender: the whatsapp module's MESSAGE_SENDER; the engine: the welcome engine
 * until the pipeline is switched to the chat module's CONVERSATION_ENGINE with `useExisting`)
 * never shadows those global tokens for anyone else.
 */
export const PIPELINE_ENGINE = 'MESSAGING_PIPELINE_ENGINE';
export const PIPELINE_SENDER = 'MESSAGING_PIPELINE_SENDER';
