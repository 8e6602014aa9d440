import { sql } from 'drizzle-orm';
import type { ModuleUsage, PlatformUsageView, RegionUsageView } from '../../../shared/usage';
import type { Tx } from '../../core/db/client';

type Row = { region_id: string; day: string; module: string; metric: string; count: number };
const rowsOf = async <T>(q: Promise<unknown>) => ((await q) as { rows: T[] }).rows;
const DAY_MS = 86_400_000;

/** The `days` local days up to `today`, oldest first. */
export function period(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

const isOpen = (metric: string) => metric.startsWith('open.');

/** Counter rows of the period (of the current region under RLS; of every region on the platform path). */
export const usageRows = (tx: Tx, from: string, to: string) =>
  rowsOf<Row>(
    tx.execute(sql`select region_id, day::text as day, module, metric, count::int as count from usage_daily
      where day between ${from}::date and ${to}::date and module <> 'core'`),
  );

/**
 * One region's usage per module and day. Modules listed: every module with a switch row in the
 * region (enabled or not) and any module with counts. Under-used = enabled and below `threshold`.
 */
export function regionUsage(
  rows: readonly Row[],
  days: string[],
  enabled: ReadonlyMap<string, boolean>,
  threshold: number,
): RegionUsageView {
  const ids = new Set([...enabled.keys(), ...rows.map((r) => r.module)]);
  ids.delete('core');
  const index = new Map(days.map((d, i) => [d, i]));
  const modules: ModuleUsage[] = [...ids].sort().map((module) => {
    const daily = days.map((day) => ({ day, opens: 0, actions: 0 }));
    for (const r of rows) {
      const i = r.module === module ? index.get(r.day) : undefined;
      if (i === undefined) continue;
      if (isOpen(r.metric)) daily[i]!.opens += r.count;
      else daily[i]!.actions += r.count;
    }
    const opens = daily.reduce((n, d) => n + d.opens, 0);
    const actions = daily.reduce((n, d) => n + d.actions, 0);
    const on = enabled.get(module) ?? false;
    return { module, enabled: on, opens, actions, daily, underUsed: on && opens + actions < threshold };
  });
  return { from: days[0]!, to: days.at(-1)!, threshold, modules };
}

/** Every region's adoption (switched-on modules) and activity over the period. */
export function platformUsage(
  regions: readonly { id: string; code: string; name: string; enabled: string[] }[],
  rows: readonly Row[],
  from: string,
  to: string,
): PlatformUsageView {
  return {
    from,
    to,
    regions: regions.map((g) => {
      const mine = rows.filter((r) => r.region_id === g.id);
      const ids = [...new Set([...g.enabled, ...mine.map((r) => r.module)])].sort();
      const modules = ids.map((module) => {
        const of = mine.filter((r) => r.module === module);
        return {
          module,
          enabled: g.enabled.includes(module),
          opens: of.filter((r) => isOpen(r.metric)).reduce((n, r) => n + r.count, 0),
          actions: of.filter((r) => !isOpen(r.metric)).reduce((n, r) => n + r.count, 0),
        };
      });
      return {
        id: g.id,
        code: g.code,
        name: g.name,
        modules,
        opens: modules.reduce((n, m) => n + m.opens, 0),
        actions: modules.reduce((n, m) => n + m.actions, 0),
      };
    }),
  };
}

/** CSV rows: one per region (platform) or module and day. */
export function regionUsageCsv(view: RegionUsageView): string[][] {
  const out = [['day', 'module', 'enabled', 'opens', 'actions', 'under_used_in_period']];
  for (const m of view.modules)
    for (const d of m.daily)
      out.push([d.day, m.module, String(m.enabled), String(d.opens), String(d.actions), String(m.underUsed)]);
  return out;
}

export function platformUsageCsv(view: PlatformUsageView): string[][] {
  const out = [['region_code', 'region', 'module', 'enabled', 'opens', 'actions', 'from', 'to']];
  for (const g of view.regions)
    for (const m of g.modules)
      out.push([
        g.code,
        g.name,
        m.module,
        String(m.enabled),
        String(m.opens),
        String(m.actions),
        view.from,
        view.to,
      ]);
  return out;
}
