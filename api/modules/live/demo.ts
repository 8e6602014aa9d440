import { sql } from 'drizzle-orm';
import type { RegionContext } from '../../core/modules/types';

/**
 * Demo only: 30 days of made-up usage so the analytics page has a story to tell — LAKSA busy,
 * Nomor Penting opened but rarely, so it shows as under-used. Idempotent (existing days are kept).
 */
export async function seedLiveDemo({ tx, regionId }: RegionContext) {
  await tx.execute(sql`
    insert into usage_daily (region_id, day, module, metric, count)
    select ${regionId}::uuid, (now() at time zone 'Asia/Jakarta')::date - d, m.module, m.metric,
      greatest(0, round(m.base * (1 + 0.35 * sin(d / 3.0)) * case when extract(isodow from now() - d * interval '1 day') > 5 then 0.6 else 1 end))
    from generate_series(1, 29) as d
    cross join (values
      ('laksa', 'open.citizen', 140.0), ('laksa', 'open.staff', 45.0), ('laksa', 'laksa.report.created', 22.0),
      ('laksa', 'laksa.report.resolved', 15.0), ('laksa', 'laksa.report.verified', 18.0),
      ('nomor-penting', 'open.citizen', 0.4)
    ) as m(module, metric, base)
    on conflict (region_id, day, module, metric) do nothing`);
}
