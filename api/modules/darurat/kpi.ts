import { and, asc, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { TimeZoneName } from '../../../shared/indonesia';
import { callClassifications, type KpiView } from '../../../shared/modules/darurat';
import type { Tx } from '../../core/db/client';
import { type CsvDialect, csvText } from '../../core/export/csv';

/** Where the CSV goes: the region's time zone and the reader's dialect (always with a BOM for Excel). */
type CsvOut = { timeZone: TimeZoneName; dialect: CsvDialect };

import { daruratCall, daruratIncident, daruratType } from './schema';
import { assignmentsOf, timesOf } from './views';

export type Period = { from: Date; to: Date; fromDate: string; toDate: string };

const seconds = (a: unknown, b: unknown) => sql`extract(epoch from (${a} - ${b}))::float8`;
const toCreate = seconds(daruratIncident.createdAt, daruratIncident.callReceivedAt);
const toDispatch = seconds(daruratIncident.dispatchedAt, daruratIncident.callReceivedAt);
const response = seconds(daruratIncident.onSceneAt, daruratIncident.callReceivedAt);

/**
 * Count, median and 90th percentile of a duration, by PostgreSQL's percentile_cont (linear
 * interpolation between the two nearest ranks: for n values sorted, rank = p·(n−1)).
 */
const stats = (x: ReturnType<typeof sql>, name: string) => ({
  [`${name}Count`]: sql<number>`count(${x})::int`,
  [`${name}Median`]: sql<number | null>`percentile_cont(0.5) within group (order by ${x})`,
  [`${name}P90`]: sql<number | null>`percentile_cont(0.9) within group (order by ${x})`,
});
const pick = (r: Record<string, unknown>, name: string) => ({
  count: Number(r[`${name}Count`] ?? 0),
  medianSec: r[`${name}Median`] == null ? null : round(Number(r[`${name}Median`])),
  p90Sec: r[`${name}P90`] == null ? null : round(Number(r[`${name}P90`])),
});
const round = (n: number) => Math.round(n * 10) / 10;

/** Incidents counted in a period: by the time their first call came in; merged duplicates left out. */
const inPeriod = (p: Period) =>
  and(
    gte(daruratIncident.callReceivedAt, p.from),
    lt(daruratIncident.callReceivedAt, p.to),
    ne(daruratIncident.status, 'digabung'),
  );

export async function computeKpis(tx: Tx, p: Period): Promise<KpiView> {
  const calls = await tx
    .select({ classification: daruratCall.classification, n: sql<number>`count(*)::int` })
    .from(daruratCall)
    .where(and(gte(daruratCall.receivedAt, p.from), lt(daruratCall.receivedAt, p.to)))
    .groupBy(daruratCall.classification);
  const measures = {
    ...stats(toCreate, 'create'),
    ...stats(toDispatch, 'dispatch'),
    ...stats(response, 'response'),
  };
  const [all] = await tx.select(measures).from(daruratIncident).where(inPeriod(p));
  const byType = await tx
    .select({ code: daruratType.code, name: daruratType.name, ...measures })
    .from(daruratIncident)
    .innerJoin(
      daruratType,
      sql`${daruratType.regionId} = ${daruratIncident.regionId} and ${daruratType.id} = ${daruratIncident.typeId}`,
    )
    .where(inPeriod(p))
    .groupBy(daruratType.code, daruratType.name)
    .orderBy(asc(daruratType.code));
  const byKecamatan = await tx
    .select({ kecamatan: daruratIncident.kecamatan, ...measures })
    .from(daruratIncident)
    .where(inPeriod(p))
    .groupBy(daruratIncident.kecamatan)
    .orderBy(asc(daruratIncident.kecamatan));
  return {
    from: p.fromDate,
    to: p.toDate,
    callsByClassification: Object.fromEntries(
      callClassifications.map((c) => [c, calls.find((r) => r.classification === c)?.n ?? 0]),
    ) as KpiView['callsByClassification'],
    incidents: pick(all!, 'create').count,
    timeToCreate: pick(all!, 'create'),
    timeToDispatch: pick(all!, 'dispatch'),
    responseTime: pick(all!, 'response'),
    byType: byType.map((r) => ({
      code: r.code,
      name: r.name,
      responseTime: pick(r, 'response'),
      timeToDispatch: pick(r, 'dispatch'),
    })),
    byKecamatan: byKecamatan.map((r) => ({
      kecamatan: r.kecamatan,
      responseTime: pick(r, 'response'),
      timeToDispatch: pick(r, 'dispatch'),
    })),
  };
}

/** The KPI table as CSV: one row per dimension value and measure. */
export function kpiCsv(k: KpiView, out: CsvOut): string {
  const rows: (string | number | null)[][] = [];
  for (const [c, n] of Object.entries(k.callsByClassification))
    rows.push(['panggilan', c, 'jumlah', n, null, null]);
  const add = (dim: string, key: string, measure: string, s: KpiView['responseTime']) =>
    rows.push([dim, key, measure, s.count, s.medianSec, s.p90Sec]);
  add('semua', '', 'waktu_buat', k.timeToCreate);
  add('semua', '', 'waktu_tugaskan', k.timeToDispatch);
  add('semua', '', 'waktu_respons', k.responseTime);
  for (const t of k.byType) {
    add('jenis', t.code, 'waktu_tugaskan', t.timeToDispatch);
    add('jenis', t.code, 'waktu_respons', t.responseTime);
  }
  for (const t of k.byKecamatan) {
    add('kecamatan', t.kecamatan ?? '', 'waktu_tugaskan', t.timeToDispatch);
    add('kecamatan', t.kecamatan ?? '', 'waktu_respons', t.responseTime);
  }
  return csvText(rows, {
    ...out,
    bom: true, // Excel reads UTF-8 only with it
    header: true,
    columns: ['dimensi', 'nilai', 'ukuran', 'jumlah', 'median_detik', 'p90_detik'],
  });
}

/** Incidents of a period with their calls (no caller identity) and units, for export. */
export async function exportIncidents(tx: Tx, p: Period) {
  const rows = await tx
    .select({ i: daruratIncident, t: daruratType })
    .from(daruratIncident)
    .innerJoin(
      daruratType,
      sql`${daruratType.regionId} = ${daruratIncident.regionId} and ${daruratType.id} = ${daruratIncident.typeId}`,
    )
    .where(and(gte(daruratIncident.callReceivedAt, p.from), lt(daruratIncident.callReceivedAt, p.to)))
    .orderBy(asc(daruratIncident.callReceivedAt));
  const ids = rows.map((r) => r.i.id);
  const units = await assignmentsOf(tx, ids);
  const calls = ids.length
    ? await tx
        .select({
          incidentId: daruratCall.incidentId,
          classification: daruratCall.classification,
          source: daruratCall.source,
          receivedAt: daruratCall.receivedAt,
        })
        .from(daruratCall)
        .where(inArray(daruratCall.incidentId, ids))
        .orderBy(asc(daruratCall.receivedAt))
    : [];
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map(({ i, t }) => ({
    id: i.id,
    number: i.number,
    type: { code: t.code, name: t.name },
    priority: i.priority,
    status: i.status,
    disposition: (i.disposition ?? null) as never,
    location: { lat: i.lat, lng: i.lng, address: i.address, kecamatan: i.kecamatan, kelurahan: i.kelurahan },
    victims: i.victims,
    police: i.police,
    source: i.source,
    times: timesOf(i),
    calls: calls
      .filter((c) => c.incidentId === i.id)
      .map((c) => ({
        classification: c.classification,
        source: c.source,
        receivedAt: c.receivedAt.toISOString(),
      })),
    units: units
      .filter((u) => u.incidentId === i.id)
      .map((u) => ({
        unitId: u.unitId,
        callSign: u.callSign,
        kind: u.kind,
        agencyName: u.agencyName,
        assignedAt: u.assignedAt.toISOString(),
        enRouteAt: iso(u.enRouteAt),
        onSceneAt: iso(u.onSceneAt),
        clearedAt: iso(u.clearedAt),
        releasedAt: iso(u.releasedAt),
      })),
  }));
}

/** The incidents as CSV, one row each, with the three durations in seconds. */
export function incidentsCsv(list: Awaited<ReturnType<typeof exportIncidents>>, out: CsvOut): string {
  const secs = (a: string | null, b: string) =>
    a ? Math.round((Date.parse(a) - Date.parse(b)) / 1000) : null;
  return csvText(
    list.map((x) => [
      x.number,
      x.type.code,
      x.priority,
      x.status,
      x.disposition,
      x.location.kecamatan,
      x.location.kelurahan,
      x.location.lat,
      x.location.lng,
      x.source,
      x.times.callReceivedAt,
      x.times.createdAt,
      x.times.dispatchedAt,
      x.times.onSceneAt,
      x.times.closedAt,
      secs(x.times.createdAt, x.times.callReceivedAt),
      secs(x.times.dispatchedAt, x.times.callReceivedAt),
      secs(x.times.onSceneAt, x.times.callReceivedAt),
      x.units.map((u) => u.callSign).join(' '),
    ]),
    {
      ...out,
      bom: true, // Excel reads UTF-8 only with it
      header: true,
      columns: [
        'nomor',
        'jenis',
        'prioritas',
        'status',
        'disposisi',
        'kecamatan',
        'kelurahan',
        'lat',
        'lng',
        'sumber',
        'panggilan_diterima',
        'kejadian_dibuat',
        'unit_ditugaskan',
        'unit_di_lokasi',
        'ditutup',
        'detik_buat',
        'detik_tugaskan',
        'detik_respons',
        'unit',
      ],
    },
  );
}
