import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, QueryView } from '../../../components/States';
import { useKnowledgeSources } from '../api/knowledge-sources';
import { AddSourceForm } from '../components/AddSourceForm';
import { SourceList } from '../components/SourceList';

export function KnowledgePage() {
  const sources = useKnowledgeSources();
  return (
    <>
      <PageHeader
        title="Knowledge"
        description="Websites the bot reads, so it answers from your own pages and names them as sources."
      />
      <Card title="Add a website">
        <AddSourceForm />
      </Card>
      <Card title="Websites">
        <QueryView query={sources} loadingLabel="Loading the websites…">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No websites yet">
                Add your website above; the bot then answers questions from its pages.
              </EmptyState>
            ) : (
              <>
                <SourceList sources={page.items} />
                {page.total > page.items.length && (
                  <p className="muted">
                    Showing {page.items.length} of {page.total} websites.
                  </p>
                )}
              </>
            )
          }
        </QueryView>
      </Card>
    </>
  );
}
