import { sql } from 'drizzle-orm';
import { timeZones } from '../../../shared/indonesia';
import type { Tx } from '../db/client';
import type { RegionRecord } from '../regions/directory';

/** The metric a beacon records when a module page opens, per surface. */
export const openMetric = (surface: 'citizen' | 'staff') => `open.${surface}`;

/**
 * Adds the key actions of an outbox batch to the region's daily usage counters: one row per
 * (local day, module, event type), one statement per batch. Called in the outbox transaction, so
 * an event is counted exactly when it is marked handled (a rolled-back batch counts nothing).
 */
export async function countEvents(
  tx: Tx,
  region: Pick<RegionRecord, 'id' | 'timeZone'>,
  batch: readonly { module: string; type: string; createdAt: Date }[],
): Promise<void> {
  if (batch.length === 0) return;
  const tz = timeZones[region.timeZone];
  const counts = new Map<string, { at: Date; module: string; type: string; n: number }>();
  for (const e of batch) {
    // Grouped by UTC hour here; the database turns each into the region's local day.
    const key = `${e.module}|${e.type}|${e.createdAt.toISOString().slice(0, 13)}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { at: e.createdAt, module: e.module, type: e.type, n: 1 });
  }
  const rows = [...counts.values()];
  // One multi-row upsert (rows are few: modules × types × hours in the batch).
  await tx.execute(sql`
    insert into usage_daily (region_id, day, module, metric, count)
    select ${region.id}::uuid, (v.at::timestamptz at time zone ${tz})::date, v.module, v.metric, sum(v.n)
    from (values ${sql.join(
      rows.map((r) => sql`(${r.at.toISOString()}, ${r.module}, ${r.type}, ${r.n}::int)`),
      sql`, `,
    )}) as v(at, module, metric, n)
    group by 2, 3, 4
    on conflict (region_id, day, module, metric) do update set count = usage_daily.count + excluded.count`);
}

/** One "module page opened" from the web beacon, on the region's local day. */
export async function countOpen(
  tx: Tx,
  region: Pick<RegionRecord, 'id' | 'timeZone'>,
  module: string,
  surface: 'citizen' | 'staff',
): Promise<void> {
  await tx.execute(sql`
    insert into usage_daily (region_id, day, module, metric, count)
    values (${region.id}, (now() at time zone ${timeZones[region.timeZone]})::date, ${module}, ${openMetric(surface)}, 1)
    on conflict (region_id, day, module, metric) do update set count = usage_daily.count + 1`);
}

/**
 * Adds counts of a module's own metrics (e.g. Data & Peta's views, downloads and API calls per
 * dataset) to today's row in the region's zone: one statement for the whole batch.
 */
export async function countMetric(
  tx: Tx,
  region: Pick<RegionRecord, 'id' | 'timeZone'>,
  module: string,
  counts: readonly { metric: string; count: number }[],
): Promise<void> {
  if (counts.length === 0) return;
  await tx.execute(sql`
    insert into usage_daily (region_id, day, module, metric, count)
    select ${region.id}::uuid, (now() at time zone ${timeZones[region.timeZone]})::date, ${module}, v.metric, v.n
    from (values ${sql.join(
      counts.map((c) => sql`(${c.metric}, ${c.count}::int)`),
      sql`, `,
    )}) as v(metric, n)
    on conflict (region_id, day, module, metric) do update set count = usage_daily.count + excluded.count`);
}
