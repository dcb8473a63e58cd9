import type { Lead, LeadSyncState } from '@parley/shared-types';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { useCrmStatus } from '../../../api/tenant/get-crm-status';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { FormError } from '../../../components/FormError';
import { Icon } from '../../../components/Icon';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, QueryView } from '../../../components/States';
import { useLeads } from '../api/list-leads';
import { useRetryLead } from '../api/retry-lead';
import { AddLeadDialog } from '../components/AddLeadDialog';
import { LeadTable, leadName } from '../components/LeadTable';
import { leadParams, leadQueryFrom } from '../lib/list-params';

const FILTERS: readonly { state: LeadSyncState | undefined; label: string }[] = [
  { state: undefined, label: 'All' },
  { state: 'pending', label: 'Pending' },
  { state: 'failed', label: 'Failed' },
  { state: 'synced', label: 'Synced' },
];

export function LeadsPage() {
  const [params, setParams] = useSearchParams();
  const query = leadQueryFrom(params);
  const leads = useLeads(query);
  const crm = useCrmStatus();
  const retry = useRetryLead();
  const [adding, setAdding] = useState(false);
  const [retried, setRetried] = useState<string | null>(null);

  // The filter counts come from the CRM status, cached from other pages: re-read them whenever the
  // list is read (on opening the page too), so that "All 0" never sits above a row.
  const { refetch: refetchCounts } = crm;
  useEffect(() => {
    if (leads.dataUpdatedAt) void refetchCounts();
  }, [leads.dataUpdatedAt, refetchCounts]);

  const counts = crm.data?.leads;
  const total = counts ? counts.pending + counts.failed + counts.synced : undefined;
  const onRetry = (lead: Lead) => {
    setRetried(null);
    retry.mutate(lead.id, { onSuccess: () => setRetried(`${leadName(lead)} is queued for the CRM again.`) });
  };

  return (
    <>
      <PageHeader
        title="Leads"
        description="People the bot captured or you added, and whether your CRM has them."
        actions={
          <Button icon={<Icon name="plus" />} onClick={() => setAdding(true)}>
            Add lead
          </Button>
        }
      />
      <Card>
        <div className="segmented" role="group" aria-label="Show leads">
          {FILTERS.map((f) => {
            const count = f.state ? counts?.[f.state] : total;
            return (
              <button
                key={f.label}
                type="button"
                className="segment"
                aria-pressed={query.state === f.state}
                onClick={() => setParams(leadParams({ state: f.state, page: 1 }))}
              >
                {f.label}
                {count !== undefined && <span className="segment-count">{count}</span>}
              </button>
            );
          })}
        </div>
        <FormError messages={retry.error ? [retry.error.message] : []} />
        {retried && !retry.error && (
          <p className="notice notice-info" role="status">
            {retried}
          </p>
        )}
        <QueryView query={leads} loadingLabel="Loading leads…">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState
                title={query.state ? `No ${query.state} leads` : 'No leads yet'}
                action={
                  query.state ? (
                    <Link to={paths.leads}>Show all leads</Link>
                  ) : (
                    <Button variant="secondary" onClick={() => setAdding(true)}>
                      Add a lead by hand
                    </Button>
                  )
                }
              >
                {query.state
                  ? 'Nothing is in this state right now.'
                  : 'When the bot learns the name of someone new, they appear here and are sent to your CRM.'}
              </EmptyState>
            ) : (
              <>
                <LeadTable
                  leads={page.items}
                  onRetry={onRetry}
                  retrying={retry.isPending ? (retry.variables ?? null) : null}
                  busy={leads.isPlaceholderData}
                />
                <Pagination
                  page={page.page}
                  pageSize={page.page_size}
                  total={page.total}
                  noun="leads"
                  busy={leads.isFetching}
                  onPage={(p) => setParams(leadParams({ ...query, page: p }))}
                />
              </>
            )
          }
        </QueryView>
      </Card>
      <AddLeadDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
