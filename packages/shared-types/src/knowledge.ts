import type { Page } from './pagination';

export const KNOWLEDGE_SOURCE_STATES = ['queued', 'crawling', 'embedding', 'ready', 'failed'] as const;
export type KnowledgeSourceState = (typeof KNOWLEDGE_SOURCE_STATES)[number];

export interface KnowledgeSource {
  id: string;
  url: string;
  /** Links followed from the start page: 0 = that page only. */
  crawl_depth: number;
  page_limit: number;
  state: KnowledgeSourceState;
  /** 0..100 while crawling/embedding. */
  progress: number;
  pages_found: number;
  pages_done: number;
  chunk_count: number;
  /** Pages that could not be used and why (at most the last 20). */
  page_errors: { url: string; error: string }[];
  error: string | null;
  last_crawled_at: string | null;
  created_at: string;
  updated_at: string;
}
export type KnowledgeSourcePage = Page<KnowledgeSource>;

export interface CreateKnowledgeSourceRequest {
  url: string;
  /** 0..3, default 1. */
  crawl_depth?: number;
  /** 1..200, default 20. */
  page_limit?: number;
}
