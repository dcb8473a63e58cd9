import type { ConfigStats, StatsSeriesKey } from '@parley/shared-types';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card } from '../../../components/Card';
import { NotConnectedYet } from '../../../components/NotConnectedYet';
import { PageHeader } from '../../../components/PageHeader';
import { Spinner } from '../../../components/Spinner';
import { ErrorState, LoadingState, QueryView } from '../../../components/States';
import { formatNumber } from '../../../lib/format';
import { useConfigStats } from '../api/config-stats';
import { useTimeseries } from '../api/timeseries';
import { SplitChart, TimeChart } from '../components/charts';
import { DateRangeControl } from '../components/DateRangeControl';
import { summarize, toChartRows } from '../lib/chart-rows';
import { rangeFromParams, spanDays, type DateRange } from '../lib/date-range';

interface ChartSpec {
  title: string;
  keys: readonly StatsSeriesKey[];
  kind: 'bar' | 'line';
  /** What must be connected before the API serves these series. */
  source: string;
  note?: string;
}

/**
 * Every chart of the page. A chart whose series the API does not serve yet says what it waits
 * for; once a later issue adds the series to GET /admin/stats/timeseries, it draws by itself.
 */
const CHARTS: ChartSpec[] = [
  {
    title: 'Tenants created, by CRM',
    keys: ['tenants_created'],
    kind: 'bar',
    source: 'tenant configuration',
  },
  {
    title: 'WhatsApp configs created and onboardings completed',
    keys: ['configs_created', 'onboardings_completed'],
    kind: 'line',
    source: 'tenant configuration',
  },
  {
    title: 'WhatsApp access tokens expiring',
    keys: ['tokens_expiring'],
    kind: 'bar',
    source: 'tenant configuration',
    note: 'Pick a range that reaches into the future to see what is coming up.',
  },
  { title: 'Audited changes, by kind', keys: ['admin_actions'], kind: 'bar', source: 'the audit log' },
  {
    title: 'Messages per day, in and out',
    keys: ['messages_in', 'messages_out'],
    kind: 'line',
    source: 'the message pipeline',
  },
  { title: 'Failed sends per day', keys: ['failed_sends'], kind: 'bar', source: 'the message pipeline' },
  { title: 'Leads per day, by CRM', keys: ['leads_by_crm'], kind: 'bar', source: 'CRM lead capture' },
  { title: 'LLM latency', keys: ['llm_latency_ms'], kind: 'line', source: 'the chat engine' },
  { title: 'LLM tokens per day', keys: ['llm_tokens'], kind: 'bar', source: 'the chat engine' },
];

export function StatisticsPage() {
  const [params, setParams] = useSearchParams();
  const range = useMemo(() => rangeFromParams(params), [params]);
  const stats = useConfigStats();
  const series = useTimeseries(range);
  const setRange = (next: DateRange) =>
    setParams((current) => {
      const out = new URLSearchParams(current);
      out.set('from', next.from);
      out.set('to', next.to);
      return out;
    });

  return (
    <>
      <PageHeader title="Statistics" description="How the platform is doing, now and over time." />
      <QueryView query={stats} loadingLabel="Counting…">
        {(s) => <Snapshot stats={s} />}
      </QueryView>

      <div className="section-header">
        <h2>
          Over time{' '}
          <span className="muted section-sub">
            {range.from} to {range.to} · {spanDays(range)} days, UTC
          </span>
        </h2>
        <DateRangeControl value={range} onChange={setRange} />
      </div>
      {series.isPending ? (
        <LoadingState label="Loading the series…" />
      ) : series.isError && !series.data ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : (
        <div className="chart-grid" aria-busy={series.isFetching || undefined}>
          {CHARTS.map((chart) => {
            const served = series.data.series.filter((s) => chart.keys.includes(s.key));
            if (served.length === 0) {
              return (
                <Card key={chart.title} title={chart.title} className="chart-card">
                  <NotConnectedYet what={chart.source}>
                    Not available in this build of the server.
                  </NotConnectedYet>
                </Card>
              );
            }
            const { rows, lines } = toChartRows(served, chart.keys);
            const summary = summarize(served, rows, lines);
            return (
              <Card
                key={chart.title}
                title={chart.title}
                className="chart-card"
                actions={
                  series.isFetching ? (
                    <Spinner size={14} label="Updating" />
                  ) : (
                    <span className="muted">{summary.text}</span>
                  )
                }
              >
                {summary.empty ? (
                  // Served but nothing recorded: say so, rather than a flat line that looks like a failure.
                  <div className="chart-empty" role="note">
                    <strong>No data yet</strong>
                    <p>
                      Nothing was recorded from {range.from} to {range.to}.
                      {chart.note ? ` ${chart.note}` : ''}
                    </p>
                  </div>
                ) : (
                  <figure className="chart-figure" aria-label={`${chart.title}: ${summary.text}`}>
                    <TimeChart rows={rows} lines={lines} kind={chart.kind} />
                  </figure>
                )}
              </Card>
            );
          })}
        </div>
      )}
    </>
  );
}

function Snapshot({ stats }: { stats: ConfigStats }) {
  const withoutConfig = Math.max(0, stats.tenants.total - stats.configs.total);
  return (
    <>
      <dl className="tiles">
        <Tile
          label="Tenants"
          value={stats.tenants.total}
          sub={`${formatNumber(stats.tenants.suspended)} suspended`}
        />
        <Tile
          label="WhatsApp configs"
          value={stats.configs.total}
          sub={`${formatNumber(stats.configs.active)} active · ${formatNumber(stats.configs.onboarded)} onboarded`}
        />
        <Tile
          label="Tokens expiring in 7 days"
          value={stats.tokens_expiring}
          tone={stats.tokens_expiring ? 'warning' : undefined}
        />
        <Tile
          label="Tokens expired"
          value={stats.tokens_expired}
          tone={stats.tokens_expired ? 'danger' : undefined}
        />
      </dl>
      <div className="chart-grid chart-grid-3">
        <Card title="Tenants by CRM">
          <SplitChart
            parts={[
              { label: 'Zoho CRM', value: stats.by_crm.zoho },
              { label: 'HubSpot', value: stats.by_crm.hubspot },
              { label: 'Built-in', value: stats.by_crm.local },
            ]}
          />
        </Card>
        <Card title="Tenants by LLM">
          <SplitChart
            parts={[
              { label: 'Gemini', value: stats.by_llm.gemini },
              { label: 'Ollama', value: stats.by_llm.ollama },
            ]}
          />
        </Card>
        <Card title="WhatsApp onboarding">
          <SplitChart
            parts={[
              { label: 'Onboarded', value: stats.configs.onboarded },
              { label: 'Connecting', value: stats.configs.total - stats.configs.onboarded },
              { label: 'No number yet', value: withoutConfig },
            ]}
          />
        </Card>
      </div>
    </>
  );
}

function Tile({
  label,
  value,
  sub,
  tone,
}: {
  label: string;
  value: number;
  sub?: string;
  tone?: 'warning' | 'danger';
}) {
  return (
    <div className={`tile ${tone ? `tile-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>
        <span className="tile-value">{formatNumber(value)}</span>
        {sub && <span className="tile-sub">{sub}</span>}
      </dd>
    </div>
  );
}
