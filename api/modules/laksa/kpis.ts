import { addDays } from '../../../shared/dates';
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

export { addDays };

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

/** What a run of days adds up to, with its durations sorted (so medians of unions are cheap). */
export type Part = {
  received: number;
  resolved: number;
  slaMet: number;
  ratingSum: number;
  ratingCount: number;
  response: Float64Array;
  resolution: Float64Array;
};

export const EMPTY_PART: Part = {
  received: 0,
  resolved: 0,
  slaMet: 0,
  ratingSum: 0,
  ratingCount: 0,
  response: new Float64Array(0),
  resolution: new Float64Array(0),
};

/** Adds up rollup rows (of one OPD, or the region row) into one part. */
export function partOf(rows: readonly StatDay[]): Part {
  const p = { ...EMPTY_PART };
  const response: number[] = [];
  const resolution: number[] = [];
  for (const r of rows) {
    p.received += r.received;
    p.resolved += r.resolved;
    p.slaMet += r.slaMet;
    p.ratingSum += r.ratingSum;
    p.ratingCount += r.ratingCount;
    for (const m of r.responseMinutes) response.push(m);
    for (const m of r.resolutionMinutes) resolution.push(m);
  }
  return {
    ...p,
    response: Float64Array.from(response).sort(),
    resolution: Float64Array.from(resolution).sort(),
  };
}

/** The k-th smallest (0-based) of two sorted arrays, walking them together. */
function kthOfTwo(a: Float64Array, b: Float64Array, k: number): number {
  let i = 0;
  let j = 0;
  for (let left = k; ; left--) {
    const x = i < a.length ? a[i]! : Number.POSITIVE_INFINITY;
    const y = j < b.length ? b[j]! : Number.POSITIVE_INFINITY;
    if (left === 0) return Math.min(x, y);
    if (x <= y) i++;
    else j++;
  }
}

/** The exact median of the union of two sorted arrays; null when both are empty. */
export function medianOfTwo(a: Float64Array, b: Float64Array): number | null {
  const n = a.length + b.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? kthOfTwo(a, b, mid) : (kthOfTwo(a, b, mid - 1) + kthOfTwo(a, b, mid)) / 2;
}

/** The league's figures of two parts together (the days before today, and today). */
export function kpiFromParts(past: Part, today: Part): LaksaKpi {
  const resolved = past.resolved + today.resolved;
  const slaMet = past.slaMet + today.slaMet;
  const ratings = past.ratingCount + today.ratingCount;
  const ratingSum = past.ratingSum + today.ratingSum;
  return {
    received: past.received + today.received,
    resolved,
    medianResponseMinutes: medianOfTwo(past.response, today.response),
    medianResolutionMinutes: medianOfTwo(past.resolution, today.resolution),
    slaCompliancePct: resolved > 0 ? round1((100 * slaMet) / resolved) : null,
    averageRating: ratings > 0 ? Math.round((100 * ratingSum) / ratings) / 100 : null,
    ratings,
  };
}

/** Adds up the rows of one OPD (or the region row) within a window into the league's figures. */
export function kpiOf(rows: readonly StatDay[]): LaksaKpi {
  return kpiFromParts(partOf(rows), EMPTY_PART);
}

/** The days before today of each longer window, as parts: what the wall caches (they no longer change). */
export type PastParts = { d7: Part; d30: Part };

export function pastPartsOf(rows: readonly StatDay[], today: string): PastParts {
  const start = windowStart(today);
  const before = rows.filter((r) => r.day < today);
  return {
    d7: partOf(before.filter((r) => r.day >= start.d7)),
    d30: partOf(before.filter((r) => r.day >= start.d30)),
  };
}

/** today / 7 days / 30 days from the cached days before today and today's rows. */
export function windowsFromParts(past: PastParts, today: Part): Record<KpiWindow, LaksaKpi> {
  return {
    today: kpiFromParts(EMPTY_PART, today),
    d7: kpiFromParts(past.d7, today),
    d30: kpiFromParts(past.d30, today),
  };
}

/** today / 7 days / 30 days of the rows, which must all be of one OPD (or the region row). */
export function windowsOf(rows: readonly StatDay[], today: string): Record<KpiWindow, LaksaKpi> {
  const inWindow = rows.filter((r) => r.day <= today && r.day >= windowStart(today).d30);
  return windowsFromParts(pastPartsOf(inWindow, today), partOf(inWindow.filter((r) => r.day === today)));
}
