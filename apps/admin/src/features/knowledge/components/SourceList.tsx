import type { KnowledgeSource } from '@parley/shared-types';
import { useState } from 'react';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormError } from '../../../components/FormError';
import { ProgressBar } from '../../../components/ProgressBar';
import { formatDateTime, formatRelative, plural } from '../../../lib/format';
import { useDeleteSource, useRecrawlSource } from '../api/knowledge-sources';
import { isIngesting, STATE_LABELS } from '../lib/source-state';

/** Each website the bot knows, with its ingestion progress, counts, errors and actions. */
export function SourceList({ sources }: { sources: KnowledgeSource[] }) {
  const [deleting, setDeleting] = useState<KnowledgeSource | null>(null);
  const remove = useDeleteSource();
  return (
    <>
      <ul className="source-list">
        {sources.map((source) => (
          <SourceItem key={source.id} source={source} onDelete={() => setDeleting(source)} />
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this website from the knowledge?"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        The bot forgets everything it read on <strong>{deleting?.url}</strong>. You can add it again later.
      </ConfirmDialog>
    </>
  );
}

function SourceItem({ source, onDelete }: { source: KnowledgeSource; onDelete: () => void }) {
  const recrawl = useRecrawlSource();
  const state = STATE_LABELS[source.state];
  const ingesting = isIngesting(source);
  return (
    <li className="source-item" aria-label={source.url}>
      <div className="source-head">
        <a className="source-link" href={source.url} target="_blank" rel="noreferrer noopener">
          {source.url}
        </a>
        <Badge tone={state.tone}>{state.label}</Badge>
      </div>
      {ingesting && (
        <div className="source-progress">
          <ProgressBar value={source.progress} max={100} label={`Progress of ${source.url}`} />
          <span className="muted">
            {source.pages_found
              ? `${source.progress}% · ${source.pages_done} of ${source.pages_found} pages`
              : 'Fetching the first page…'}
          </span>
        </div>
      )}
      <p className="muted source-counts">
        {plural(source.pages_done, 'page')} · {plural(source.chunk_count, 'passage')} · depth{' '}
        {source.crawl_depth}, up to {plural(source.page_limit, 'page')} ·{' '}
        <span title={formatDateTime(source.last_crawled_at)}>
          {source.last_crawled_at ? `read ${formatRelative(source.last_crawled_at)}` : 'not read yet'}
        </span>
      </p>
      {source.error && (
        <p className="form-error" role="alert">
          {source.error}
        </p>
      )}
      {source.page_errors.length > 0 && (
        <details className="source-page-errors">
          <summary>{plural(source.page_errors.length, 'page')} could not be used</summary>
          <ul>
            {source.page_errors.map((e) => (
              <li key={e.url}>
                <code>{e.url}</code>: {e.error}
              </li>
            ))}
          </ul>
        </details>
      )}
      <FormError messages={recrawl.error ? [recrawl.error.message] : []} />
      <div className="source-actions">
        <Button
          size="sm"
          variant="secondary"
          loading={recrawl.isPending}
          disabled={ingesting}
          onClick={() => recrawl.mutate(source.id)}
          aria-label={`Read ${source.url} again`}
        >
          Read again
        </Button>
        <Button size="sm" variant="ghost" onClick={onDelete} aria-label={`Delete ${source.url}`}>
          Delete
        </Button>
      </div>
    </li>
  );
}
