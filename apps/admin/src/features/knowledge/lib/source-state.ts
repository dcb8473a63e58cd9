import type { KnowledgeSource, KnowledgeSourceState } from '@parley/shared-types';
import type { Tone } from '../../../components/Badge';

export const isIngesting = (s: KnowledgeSource) =>
  s.state === 'queued' || s.state === 'crawling' || s.state === 'embedding';

export const STATE_LABELS: Record<KnowledgeSourceState, { label: string; tone: Tone }> = {
  queued: { label: 'Waiting to start', tone: 'info' },
  crawling: { label: 'Reading pages', tone: 'info' },
  embedding: { label: 'Indexing', tone: 'info' },
  ready: { label: 'Ready', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};
