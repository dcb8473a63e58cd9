import type { KnowledgeSourceState } from '@parley/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type KnowledgeSourceKind = 'tenant' | 'conversation';

/**
 * A web site (start URL, depth, page limit) a tenant's bot answers from: added by the tenant
 * admin (`tenant`) or by a user's /enable_rag (`conversation`, one page). Its chunks live in
 * `knowledge_chunks` and go with it.
 */
@Entity('knowledge_sources')
export class KnowledgeSourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  tenantId: string;

  @Column({ type: 'text' })
  kind: KnowledgeSourceKind;

  @Column({ type: 'text' })
  url: string;

  /** The start page's title, once crawled. */
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'integer' })
  crawlDepth: number;

  @Column({ type: 'integer' })
  pageLimit: number;

  @Column({ type: 'text' })
  state: KnowledgeSourceState;

  @Column({ type: 'integer' })
  progress: number;

  @Column({ type: 'integer' })
  pagesFound: number;

  @Column({ type: 'integer' })
  pagesDone: number;

  @Column({ type: 'integer' })
  chunkCount: number;

  @Column({ type: 'jsonb' })
  pageErrors: { url: string; error: string }[];

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer' })
  generation: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastCrawledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
