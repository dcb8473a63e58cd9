import { STATS_MAX_DAYS } from '@parley/shared-types';

export interface DateRange {
  from: string;
  to: string;
}

export const PRESETS = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
] as const;

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** The last `days` UTC days, today included. */
export function lastDays(days: number, now = new Date()): DateRange {
  const to = today(now);
  return {
    from: new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10),
    to,
  };
}

export function spanDays({ from, to }: DateRange): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

const isDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Why a custom range cannot be asked for, or null when it can. */
export function rangeError(range: DateRange): string | null {
  if (!isDay(range.from) || !isDay(range.to)) return 'Pick both days';
  if (range.from > range.to) return 'The first day must come before the last';
  if (spanDays(range) > STATS_MAX_DAYS) return `Pick at most ${STATS_MAX_DAYS} days`;
  return null;
}

/** The range in the address bar, or the last 30 days. */
export function rangeFromParams(params: URLSearchParams, now = new Date()): DateRange {
  const range = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  return rangeError(range) ? lastDays(30, now) : range;
}

/** Which preset the range is, if any. */
export function presetOf(range: DateRange, now = new Date()): number | null {
  return (
    PRESETS.find((p) => {
      const preset = lastDays(p.days, now);
      return preset.from === range.from && preset.to === range.to;
    })?.days ?? null
  );
}
