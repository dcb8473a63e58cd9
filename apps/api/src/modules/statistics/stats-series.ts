import { CRM_KINDS, type StatsSeriesKey, type StatsUnit } from '@parley/shared-types';
import { EntityManager } from 'typeorm';

/** One row of a series: a UTC day, a group of the series, and the value for both. */
export interface SeriesRow {
  day: string;
  grp: string;
  value: number;
}

/**
 * Where one time series comes from. `read` answers for [from, toExclusive) (UTC midnights) with
 * one row per day and group that has data; days without rows count as zero. Issues that bring new
 * data (messages, leads, sends, LLM calls) add their series here.
 */
export interface SeriesSource {
  key: StatsSeriesKey;
  label: string;
  unit: StatsUnit;
  /** Fixed groups (shown even when zero), or null when the groups are whatever the data holds. */
  groups: readonly string[] | null;
  read(m: EntityManager, from: Date, toExclusive: Date): Promise<SeriesRow[]>;
}

const DAY = `to_char(date_trunc('day', %s AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
const day = (column: string) => DAY.replace('%s', column);

/** A count per day (and group) of the rows of `table` whose `column` falls in the range. */
function countPerDay(table: string, column: string, group: string = `'total'`) {
  return (m: EntityManager, from: Date, toExclusive: Date) =>
    m.query<SeriesRow[]>(
      `SELECT ${day(column)} AS day, ${group} AS grp, count(*)::int AS value FROM ${table}
       WHERE ${column} >= $1 AND ${column} < $2 GROUP BY 1, 2`,
      [from, toExclusive],
    );
}

/**
 * The statistics as a read model: each source reads its module's table directly, read-only, with
 * one indexed aggregate per series.
 */
export const SERIES_SOURCES: SeriesSource[] = [
  {
    key: 'tenants_created',
    label: 'Tenants created, by CRM',
    unit: 'count',
    groups: CRM_KINDS,
    read: countPerDay('tenants', 'created_at', 'crm_kind'),
  },
  {
    key: 'configs_created',
    label: 'WhatsApp configs created',
    unit: 'count',
    groups: ['total'],
    read: countPerDay('tenant_configs', 'created_at'),
  },
  {
    key: 'onboardings_completed',
    label: 'Onboardings completed',
    unit: 'count',
    groups: ['total'],
    read: countPerDay('tenant_configs', 'onboarding_completed_at'),
  },
  {
    key: 'tokens_expiring',
    label: 'WhatsApp access tokens expiring',
    unit: 'count',
    groups: ['total'],
    read: countPerDay('tenant_configs', 'token_expires_at'),
  },
  {
    key: 'admin_actions',
    label: 'Audited changes, by kind',
    unit: 'count',
    groups: null,
    read: countPerDay('audit_events', 'occurred_at', `split_part(action, '.', 1)`),
  },
  // The messaging pipeline's messages table; playground (simulated) traffic is not real use.
  {
    key: 'messages_in',
    label: 'WhatsApp messages received',
    unit: 'count',
    groups: ['total'],
    read: messagesPerDay(`count(*)::int`, `direction = 'inbound'`),
  },
  {
    key: 'messages_out',
    label: 'WhatsApp messages sent',
    unit: 'count',
    groups: ['total'],
    read: messagesPerDay(
      `count(*)::int`,
      `direction = 'outbound' AND status IN ('sent', 'delivered', 'read')`,
    ),
  },
  {
    key: 'failed_sends',
    label: 'WhatsApp sends that failed',
    unit: 'count',
    groups: ['total'],
    read: messagesPerDay(`count(*)::int`, `direction = 'outbound' AND status = 'failed'`),
  },
  {
    key: 'llm_latency_ms',
    label: 'LLM answer time (average)',
    unit: 'milliseconds',
    groups: ['total'],
    read: messagesPerDay(`round(avg(llm_latency_ms))::int`, `llm_latency_ms IS NOT NULL`),
  },
  {
    key: 'llm_tokens',
    label: 'LLM tokens (prompt + completion)',
    unit: 'tokens',
    groups: ['total'],
    read: messagesPerDay(
      `sum(COALESCE(llm_prompt_tokens, 0) + COALESCE(llm_completion_tokens, 0))::int`,
      `llm_provider IS NOT NULL`,
    ),
  },
  {
    // Leads captured, by the CRM the tenant used when the lead was captured (leads.crm_kind), not
    // by whether the CRM accepted it: a lead still waiting to sync counts on its capture day.
    key: 'leads_by_crm',
    label: 'Leads captured, by CRM',
    unit: 'count',
    groups: CRM_KINDS,
    read: countPerDay('leads', 'created_at', 'crm_kind'),
  },
];

/** One aggregate per day over the non-simulated messages that match `where`. */
function messagesPerDay(aggregate: string, where: string) {
  return (m: EntityManager, from: Date, toExclusive: Date) =>
    m.query<SeriesRow[]>(
      `SELECT ${day('created_at')} AS day, 'total' AS grp, ${aggregate} AS value FROM messages
       WHERE created_at >= $1 AND created_at < $2 AND NOT simulated AND ${where} GROUP BY 1, 2`,
      [from, toExclusive],
    );
}
