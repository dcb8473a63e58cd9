import { Injectable } from '@nestjs/common';
import {
  STATS_MAX_DAYS,
  STATS_SERIES,
  type StatsPoint,
  type StatsSeries,
  type StatsTimeseriesResponse,
} from '@parley/shared-types';
import { DataSource } from 'typeorm';
import { badRequest } from '../../common/http/domain-error';
import { TimeseriesQueryDto } from './dto/timeseries-query.dto';
import { SERIES_SOURCES, SeriesRow, SeriesSource } from './stats-series';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

/** Daily time series for the statistics page, zero-filled, in UTC days. */
@Injectable()
export class StatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  async timeseries(query: TimeseriesQueryDto, now = new Date()): Promise<StatsTimeseriesResponse> {
    const to = query.to ? parseDay(query.to, 'to') : startOfDay(now);
    const from = query.from
      ? parseDay(query.from, 'from')
      : new Date(to.getTime() - (DEFAULT_DAYS - 1) * DAY_MS);
    if (from > to) throw badRequest('from must be on or before to');
    const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
    if (days > STATS_MAX_DAYS)
      throw badRequest(`The range may span at most ${STATS_MAX_DAYS} days; it spans ${days}`);
    const sources = pickSources(query.series);
    const toExclusive = new Date(to.getTime() + DAY_MS);
    const dayList = Array.from({ length: days }, (_, i) => formatDay(new Date(from.getTime() + i * DAY_MS)));
    const series = await Promise.all(
      sources.map(async (source) =>
        toSeries(source, await source.read(this.dataSource.manager, from, toExclusive), dayList),
      ),
    );
    return { from: formatDay(from), to: formatDay(to), bucket: 'day', series };
  }
}

function pickSources(requested: string | undefined): SeriesSource[] {
  if (!requested) return SERIES_SOURCES;
  const keys = requested
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = keys.filter((k) => !(STATS_SERIES as readonly string[]).includes(k));
  if (unknown.length) {
    throw badRequest(
      `series has unknown keys: ${unknown.join(', ')}; known keys are ${STATS_SERIES.join(', ')}`,
    );
  }
  // Known keys without a source yet (their data arrives with later issues) are left out.
  return SERIES_SOURCES.filter((s) => keys.includes(s.key));
}

function toSeries(source: SeriesSource, rows: SeriesRow[], dayList: string[]): StatsSeries {
  const groups = source.groups ? [...source.groups] : [...new Set(rows.map((r) => r.grp))].sort();
  const byDay = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const values = byDay.get(row.day) ?? {};
    values[row.grp] = (values[row.grp] ?? 0) + Number(row.value);
    byDay.set(row.day, values);
  }
  const points: StatsPoint[] = dayList.map((date) => {
    const found = byDay.get(date) ?? {};
    return { date, values: Object.fromEntries(groups.map((g) => [g, found[g] ?? 0])) };
  });
  return { key: source.key, label: source.label, unit: source.unit, groups, points };
}

function parseDay(value: string, field: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || formatDay(date) !== value) {
    throw badRequest(`${field} must be a real calendar day as YYYY-MM-DD; got ${value}`);
  }
  return date;
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
