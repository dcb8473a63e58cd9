/**
 * Time series for the statistics page: one point per UTC day between `from` and `to`. Series
 * that later issues feed (messages, leads, sends, LLM use) are listed here already so the admin
 * app can tell "not connected yet" from "no data"; the API answers only with those it serves.
 */
export const STATS_SERIES = [
  'tenants_created',
  'configs_created',
  'onboardings_completed',
  'tokens_expiring',
  'admin_actions',
  'messages_in',
  'messages_out',
  'leads_by_crm',
  'failed_sends',
  'llm_latency_ms',
  'llm_tokens',
] as const;
export type StatsSeriesKey = (typeof STATS_SERIES)[number];

export type StatsUnit = 'count' | 'milliseconds' | 'tokens';

export interface StatsPoint {
  /** UTC day, `YYYY-MM-DD`. */
  date: string;
  /** One value per group of the series (e.g. per CRM); a series without groups has `total`. */
  values: Record<string, number>;
}

export interface StatsSeries {
  key: StatsSeriesKey;
  label: string;
  unit: StatsUnit;
  groups: string[];
  points: StatsPoint[];
}

export interface StatsTimeseriesQuery {
  /** First day, `YYYY-MM-DD` (UTC); default 29 days before `to`. */
  from?: string;
  /** Last day, inclusive; default today. */
  to?: string;
  /** Comma-separated keys; default every series the API serves. */
  series?: string;
}

export interface StatsTimeseriesResponse {
  from: string;
  to: string;
  bucket: 'day';
  series: StatsSeries[];
}

/** Longest range one request may ask for. */
export const STATS_MAX_DAYS = 366;
