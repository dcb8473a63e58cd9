import { Badge } from '../../../components/Badge';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/States';
import { formatBytes, formatDuration } from '../../../lib/format';
import { useSystemInfo } from '../api/system';

/** The platform admin's overview (tenant admins have their own, in tenant-overview). */
export function OverviewPage() {
  const system = useSystemInfo();
  return (
    <>
      <PageHeader title="Overview" description="The state of this Parley deployment." />
      <Card title="System">
        <QueryView query={system} loadingLabel="Checking the system…">
          {(info) => (
            <dl className="stats-grid">
              <Stat label="Status">
                <Badge tone={info.status === 'ok' ? 'success' : 'danger'}>
                  {info.status === 'ok' ? 'Healthy' : 'Degraded'}
                </Badge>
              </Stat>
              <Stat label="Database">
                {info.mode === 'embedded' ? 'Embedded' : 'PostgreSQL'} · {info.database}
              </Stat>
              <Stat label="Job queue">
                {info.queue} {info.workers_in_process ? '· workers in this process' : '· separate workers'}
              </Stat>
              <Stat label="Version">{info.version}</Stat>
              <Stat label="Uptime">{formatDuration(info.uptime_seconds)}</Stat>
              <Stat label="Memory">{formatBytes(info.memory_rss_bytes)}</Stat>
            </dl>
          )}
        </QueryView>
      </Card>
    </>
  );
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
