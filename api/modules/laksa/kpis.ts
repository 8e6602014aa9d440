import type { KpiWindow, LaksaKpi } from '../../../shared/modules/laksa-live';

/** One row of `laksa_stat_day` as read for the wall. */
export type StatDay = {
  day: string;
  opdId: string;
  received: number;
  resolved: number;
  slaMet: number;
  ratingSum: number;
  ratingCount: number;
  responseMinutes: number[];
  resolutionMinutes: number[];
};

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus `n` days (calendar arithmetic on the date alone, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The last `n` local days up to `today`, oldest first. */
export const lastDays = (today: string, n: number) =>
  Array.from({ length: n }, (_, i) => addDays(today, i - n + 1));

/** First day of each window ending today: today only, the last 7 and the last 30 days. */
export const windowStart = (today: string): Record<KpiWindow, string> => ({
  today,
  d7: addDays(today, -6),
  d30: addDays(today, -29),
});

/** The exact median: the middle value, or the mean of the two middle values; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Adds up the rows of one OPD (or the region row) within a window into the league's figures. */
export function kpiOf(rows: readonly StatDay[]): LaksaKpi {
  let received = 0;
  let resolved = 0;
  let slaMet = 0;
  let ratingSum = 0;
  let ratings = 0;
  const response: number[] = [];
  const resolution: number[] = [];
  for (const r of rows) {
    received += r.received;
    resolved += r.resolved;
    slaMet += r.slaMet;
    ratingSum += r.ratingSum;
    ratings += r.ratingCount;
    for (const m of r.responseMinutes) response.push(m);
    for (const m of r.resolutionMinutes) resolution.push(m);
  }
  return {
    received,
    resolved,
    medianResponseMinutes: median(response),
    medianResolutionMinutes: median(resolution),
    slaCompliancePct: resolved > 0 ? round1((100 * slaMet) / resolved) : null,
    averageRating: ratings > 0 ? Math.round((100 * ratingSum) / ratings) / 100 : null,
    ratings,
  };
}

/** today / 7 days / 30 days of the rows, which must all be of one OPD (or the region row). */
export function windowsOf(rows: readonly StatDay[], today: string): Record<KpiWindow, LaksaKpi> {
  const start = windowStart(today);
  const within = (from: string) => rows.filter((r) => r.day >= from && r.day <= today);
  return { today: kpiOf(within(start.today)), d7: kpiOf(within(start.d7)), d30: kpiOf(within(start.d30)) };
}
