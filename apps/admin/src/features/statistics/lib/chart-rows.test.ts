import type { StatsSeries } from '@parley/shared-types';
import { describe, expect, it } from 'vitest';
import { sumOf, summarize, toChartRows } from './chart-rows';
import { lastDays, presetOf, rangeError, rangeFromParams } from './date-range';

const series = (key: StatsSeries['key'], groups: string[], values: number[][]): StatsSeries => ({
  key,
  label: key,
  unit: 'count',
  groups,
  points: values.map((v, i) => ({
    date: `2030-01-0${i + 1}`,
    values: Object.fromEntries(groups.map((g, j) => [g, v[j]])),
  })),
});

describe('chart rows', () => {
  it('joins series into one row per day with a line per series and group', () => {
    const { rows, lines } = toChartRows(
      [
        series(
          'tenants_created',
          ['zoho', 'local'],
          [
            [1, 2],
            [0, 3],
          ],
        ),
        series('configs_created', ['total'], [[4], [5]]),
      ],
      ['tenants_created'],
    );
    expect(lines).toEqual([
      { dataKey: 'tenants_created.zoho', label: 'Zoho CRM' },
      { dataKey: 'tenants_created.local', label: 'Built-in' },
    ]);
    expect(rows).toEqual([
      { date: '2030-01-01', 'tenants_created.zoho': 1, 'tenants_created.local': 2 },
      { date: '2030-01-02', 'tenants_created.zoho': 0, 'tenants_created.local': 3 },
    ]);
    expect(sumOf(rows, lines)).toBe(6);
  });

  it('names each series when a chart shows several', () => {
    const { lines } = toChartRows(
      [series('configs_created', ['total'], [[1]]), series('onboardings_completed', ['total'], [[2]])],
      ['configs_created', 'onboardings_completed'],
    );
    expect(lines.map((l) => l.label)).toEqual(['configs_created', 'onboardings_completed']);
  });
});

describe('date range', () => {
  const now = new Date('2030-03-10T15:00:00Z');

  it('counts presets in UTC days, today included', () => {
    expect(lastDays(7, now)).toEqual({ from: '2030-03-04', to: '2030-03-10' });
    expect(presetOf({ from: '2030-03-04', to: '2030-03-10' }, now)).toBe(7);
    expect(presetOf({ from: '2030-03-05', to: '2030-03-10' }, now)).toBeNull();
  });

  it('refuses what the API would refuse, and reads only valid ranges from the address bar', () => {
    expect(rangeError({ from: '2030-03-10', to: '2030-03-01' })).toBe(
      'The first day must come before the last',
    );
    expect(rangeError({ from: '2028-01-01', to: '2030-01-01' })).toBe('Pick at most 366 days');
    expect(rangeError({ from: '2030-02-30', to: '2030-03-01' })).toBe('Pick both days');
    expect(rangeFromParams(new URLSearchParams('from=2030-01-01&to=2030-01-31'), now)).toEqual({
      from: '2030-01-01',
      to: '2030-01-31',
    });
    expect(rangeFromParams(new URLSearchParams('from=bad&to=2030-01-31'), now)).toEqual(lastDays(30, now));
  });
});

describe('chart summary', () => {
  const summaryOf = (s: StatsSeries) => {
    const { rows, lines } = toChartRows([s], [s.key]);
    return summarize([s], rows, lines);
  };

  it('tells a served series with nothing in range ("no data yet") from one with data', () => {
    expect(
      summaryOf(
        series(
          'leads_by_crm',
          ['zoho', 'local'],
          [
            [0, 0],
            [0, 0],
          ],
        ),
      ),
    ).toEqual({
      text: '0 in range',
      empty: true,
    });
    expect(
      summaryOf(
        series(
          'leads_by_crm',
          ['zoho', 'local'],
          [
            [1, 0],
            [0, 2],
          ],
        ),
      ),
    ).toEqual({
      text: '3 in range',
      empty: false,
    });
  });

  it('averages latency over the days that had calls instead of adding it up', () => {
    const latency = {
      ...series('llm_latency_ms', ['total'], [[300], [0], [500]]),
      unit: 'milliseconds' as const,
    };
    expect(summaryOf(latency)).toEqual({ text: '400 ms on average', empty: false });
    const tokens = { ...series('llm_tokens', ['total'], [[1000], [2000]]), unit: 'tokens' as const };
    expect(summaryOf(tokens).text).toBe('3,000 tokens in range');
  });
});
