/**
 * What the conversation engine asks of the RAG store. Implemented in chat/rag by
 * `KnowledgeService`; always scoped to one tenant.
 */
export interface RetrievedChunk {
  text: string;
  url: string;
  title: string | null;
  /** Higher is better; comparable only within one result list. */
  score: number;
}

export interface RetrievalQuery {
  tenantId: string;
  question: string;
  /** Restrict to this conversation's /enable_rag page (and pages crawled from it). */
  conversationUrl?: string | null;
  limit?: number;
}

export interface KnowledgeRetriever {
  retrieve(query: RetrievalQuery): Promise<RetrievedChunk[]>;
  /**
   * Makes sure the page given with /enable_rag is ingested for the tenant (idempotent: an
   * already-ingested URL is reused). Resolves once the page is ready or rejects with a message
   * fit for the user (refused URL, unreachable page).
   */
  ensureConversationSource(tenantId: string, url: string): Promise<{ title: string | null }>;
}
export const KNOWLEDGE_RETRIEVER = 'KNOWLEDGE_RETRIEVER';
