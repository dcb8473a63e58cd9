import type { StatsSeries, StatsSeriesKey } from '@parley/shared-types';
import { formatNumber } from '../../../lib/format';

/** Readable names of the groups the API reports (CRM kinds, audit categories). */
const GROUP_LABELS: Record<string, string> = {
  zoho: 'Zoho CRM',
  hubspot: 'HubSpot',
  local: 'Built-in',
  tenant: 'Tenants',
  config: 'WhatsApp configs',
  user: 'Users',
  bulk: 'Bulk operations',
};
const groupLabel = (group: string) => GROUP_LABELS[group] ?? group;

export interface ChartLine {
  dataKey: string;
  label: string;
}

/**
 * Recharts wants one row per day with a field per line; the API gives one series per key with a
 * value per group. This joins the chart's series into those rows.
 */
export function toChartRows(
  series: StatsSeries[],
  keys: readonly StatsSeriesKey[],
): { rows: Record<string, string | number>[]; lines: ChartLine[] } {
  const chosen = keys.map((k) => series.find((s) => s.key === k)).filter((s): s is StatsSeries => !!s);
  const lines: ChartLine[] = [];
  const rows = new Map<string, Record<string, string | number>>();
  for (const s of chosen) {
    for (const group of s.groups) {
      const dataKey = `${s.key}.${group}`;
      const label =
        group === 'total'
          ? s.label
          : chosen.length > 1
            ? `${s.label}: ${groupLabel(group)}`
            : groupLabel(group);
      lines.push({ dataKey, label });
    }
    for (const point of s.points) {
      const row = rows.get(point.date) ?? { date: point.date };
      for (const group of s.groups) row[`${s.key}.${group}`] = point.values[group] ?? 0;
      rows.set(point.date, row);
    }
  }
  return { rows: [...rows.values()].sort((a, b) => String(a.date).localeCompare(String(b.date))), lines };
}

export const sumOf = (rows: Record<string, string | number>[], lines: ChartLine[]) =>
  rows.reduce((sum, row) => sum + lines.reduce((s, l) => s + Number(row[l.dataKey] ?? 0), 0), 0);

/**
 * The figure a chart shows beside its title, and whether it has anything to draw. Counts add up
 * over the range; latencies do not, so they show the mean of the days that had calls.
 */
export function summarize(
  series: StatsSeries[],
  rows: Record<string, string | number>[],
  lines: ChartLine[],
): { text: string; empty: boolean } {
  const values = rows.flatMap((row) => lines.map((l) => Number(row[l.dataKey] ?? 0)));
  const empty = values.every((v) => v === 0);
  if (series.every((s) => s.unit === 'milliseconds')) {
    const days = values.filter((v) => v > 0);
    const mean = days.length ? Math.round(days.reduce((a, b) => a + b, 0) / days.length) : 0;
    return { text: empty ? 'no calls in range' : `${formatNumber(mean)} ms on average`, empty };
  }
  const total = sumOf(rows, lines);
  const unit = series.every((s) => s.unit === 'tokens') ? ' tokens' : '';
  return { text: `${formatNumber(total)}${unit} in range`, empty };
}
