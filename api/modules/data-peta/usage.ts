import type { Database } from '../../core/db/client';
import { inRegion } from '../../core/db/scope';
import type { RegionRecord } from '../../core/regions/directory';
import { countMetric } from '../../core/usage/count';
import { MODULE_ID } from './catalog';

/**
 * Usage per dataset (views, downloads, API calls) for the core usage analytics (`usage_daily`,
 * module `data-peta`, metric `view:<dataset>` / `download:<dataset>` / `api:<dataset>`).
 * Reads must not write: counts gather in memory and are added in one statement per region every
 * few seconds (and on shutdown), so a busy API never queues on one counter row.
 */
// region-safe: keyed by region id; each entry keeps its own region
const pending = new Map<
  string,
  { region: Pick<RegionRecord, 'id' | 'timeZone'>; counts: Map<string, number> }
>();

export function countUsage(region: Pick<RegionRecord, 'id' | 'timeZone'>, metric: string, n = 1): void {
  let entry = pending.get(region.id);
  if (!entry) {
    entry = { region, counts: new Map() };
    pending.set(region.id, entry);
  }
  entry.counts.set(metric, (entry.counts.get(metric) ?? 0) + n);
}

/** Adds what was counted since the last flush (a failed flush puts its counts back). */
export async function flushUsage(database: Database): Promise<void> {
  const batch = [...pending.values()];
  pending.clear();
  for (const { region, counts } of batch) {
    try {
      await inRegion(database, { regionId: region.id }, (tx) =>
        countMetric(
          tx,
          region,
          MODULE_ID,
          [...counts.entries()].map(([metric, count]) => ({ metric, count })),
        ),
      );
    } catch {
      for (const [metric, count] of counts) countUsage(region, metric, count);
    }
  }
}
