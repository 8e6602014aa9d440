import { sql } from 'drizzle-orm';
import type { StatsView } from '../../../shared/modules/siap-kerja';
import type { Tx } from '../../core/db/client';
import { todayIn } from './settings';

type Bucket = { key: string; count: number };
const rowsOf = async <T>(tx: Tx, q: ReturnType<typeof sql>) =>
  ((await tx.execute(q)) as unknown as { rows: T[] }).rows;
const buckets = async (tx: Tx, q: ReturnType<typeof sql>): Promise<Bucket[]> =>
  (await rowsOf<{ key: string | null; count: number }>(tx, q)).map((r) => ({
    key: r.key ?? 'tidak_diketahui',
    count: Number(r.count),
  }));

/**
 * The labour-market picture for Disnaker and open data: counts only, never a person. Seekers are
 * those still looking (not reported employed); ages in the usual BPS bands.
 */
export async function labourStats(tx: Tx): Promise<StatsView> {
  const today = await todayIn(tx);
  const [head] = await rowsOf<Record<string, number | null>>(
    tx,
    sql`select
      (select count(*)::int from siap_kerja_seeker where not employed) as seekers,
      (select count(*)::int from siap_kerja_ak1 where status = 'terbit' and valid_until >= ${today}) as active_ak1,
      (select count(*)::int from siap_kerja_vacancy where status = 'terbuka' and valid_until >= ${today}) as open_vacancies,
      (select coalesce(sum(count - filled), 0)::int from siap_kerja_vacancy where status = 'terbuka' and valid_until >= ${today}) as open_positions,
      (select count(*)::int from siap_kerja_employer where status = 'terverifikasi') as verified_employers,
      ((select count(*) from siap_kerja_application where status = 'diterima')
        + (select count(*) from siap_kerja_ak1_report where status = 'sudah_bekerja'))::int as placements,
      (select percentile_cont(0.5) within group (order by extract(epoch from closed_at - published_at) / 86400)
        from siap_kerja_vacancy where status = 'terisi' and published_at is not null)::float8 as median_days,
      (select count(*)::int from siap_kerja_ak1 where status in ('diajukan', 'perlu_datang')) as q_ak1,
      (select count(*)::int from siap_kerja_employer where status = 'menunggu') as q_employers,
      (select count(*)::int from siap_kerja_vacancy where status = 'menunggu') as q_vacancies`,
  );
  const h = head ?? {};
  return {
    seekers: Number(h.seekers ?? 0),
    activeAk1: Number(h.active_ak1 ?? 0),
    openVacancies: Number(h.open_vacancies ?? 0),
    openPositions: Number(h.open_positions ?? 0),
    verifiedEmployers: Number(h.verified_employers ?? 0),
    placements: Number(h.placements ?? 0),
    medianDaysToFill:
      h.median_days === null || h.median_days === undefined
        ? null
        : Math.round(Number(h.median_days) * 10) / 10,
    seekersByEducation: await buckets(
      tx,
      sql`select education as key, count(*)::int as count from siap_kerja_seeker where not employed group by 1 order by 2 desc`,
    ),
    seekersByAge: await buckets(
      tx,
      sql`select case when a < 20 then '15-19' when a < 25 then '20-24' when a < 30 then '25-29'
          when a < 35 then '30-34' when a < 45 then '35-44' when a < 55 then '45-54' else '55+' end as key, count(*)::int as count
        from (select extract(year from age(${today}::date, birth_date))::int as a from siap_kerja_seeker where not employed) x
        group by 1 order by 1`,
    ),
    seekersBySex: await buckets(
      tx,
      sql`select sex as key, count(*)::int as count from siap_kerja_seeker where not employed group by 1 order by 1`,
    ),
    seekersByKecamatan: await buckets(
      tx,
      sql`select coalesce(a.name, s.kecamatan) as key, count(*)::int as count from siap_kerja_seeker s
        left join region_area a on a.region_id = s.region_id and a.code = s.kecamatan
        where not s.employed group by 1 order by 2 desc`,
    ),
    vacanciesBySector: await buckets(
      tx,
      sql`select e.sector as key, count(*)::int as count from siap_kerja_vacancy v
        join siap_kerja_employer e on e.region_id = v.region_id and e.id = v.employer_id
        where v.status = 'terbuka' and v.valid_until >= ${today} group by 1 order by 2 desc`,
    ),
    vacanciesByEducation: await buckets(
      tx,
      sql`select education as key, count(*)::int as count from siap_kerja_vacancy
        where status = 'terbuka' and valid_until >= ${today} group by 1 order by 2 desc`,
    ),
    trend: (
      await rowsOf<{ month: string; seekers: number; vacancies: number; placements: number }>(
        tx,
        sql`with months as (
            select to_char(d, 'YYYY-MM') as month from generate_series(date_trunc('month', ${today}::date) - interval '11 months',
              date_trunc('month', ${today}::date), interval '1 month') d)
          select m.month,
            (select count(*)::int from siap_kerja_seeker s where to_char(s.created_at, 'YYYY-MM') = m.month) as seekers,
            (select count(*)::int from siap_kerja_vacancy v where to_char(v.published_at, 'YYYY-MM') = m.month) as vacancies,
            ((select count(*) from siap_kerja_application a where a.status = 'diterima' and to_char(a.updated_at, 'YYYY-MM') = m.month)
              + (select count(*) from siap_kerja_ak1_report r where r.status = 'sudah_bekerja' and to_char(r.reported_at, 'YYYY-MM') = m.month))::int as placements
          from months m order by m.month`,
      )
    ).map((r) => ({
      month: r.month,
      seekers: Number(r.seekers),
      vacancies: Number(r.vacancies),
      placements: Number(r.placements),
    })),
    queues: {
      ak1: Number(h.q_ak1 ?? 0),
      employers: Number(h.q_employers ?? 0),
      vacancies: Number(h.q_vacancies ?? 0),
    },
  };
}

/** The statistics as rows (dimension, key, count) for CSV/XLSX and open data. */
export function statsRows(s: StatsView): { dimension: string; key: string; count: number }[] {
  const out: { dimension: string; key: string; count: number }[] = [
    { dimension: 'total', key: 'pencari_kerja', count: s.seekers },
    { dimension: 'total', key: 'ak1_berlaku', count: s.activeAk1 },
    { dimension: 'total', key: 'lowongan_terbuka', count: s.openVacancies },
    { dimension: 'total', key: 'formasi_terbuka', count: s.openPositions },
    { dimension: 'total', key: 'perusahaan_terverifikasi', count: s.verifiedEmployers },
    { dimension: 'total', key: 'penempatan', count: s.placements },
  ];
  const add = (dimension: string, list: Bucket[]) => {
    for (const b of list) out.push({ dimension, key: b.key, count: b.count });
  };
  add('pencari_kerja_pendidikan', s.seekersByEducation);
  add('pencari_kerja_usia', s.seekersByAge);
  add('pencari_kerja_jenis_kelamin', s.seekersBySex);
  add('pencari_kerja_kecamatan', s.seekersByKecamatan);
  add('lowongan_sektor', s.vacanciesBySector);
  add('lowongan_pendidikan', s.vacanciesByEducation);
  for (const t of s.trend) {
    out.push({ dimension: 'tren_pencari_kerja', key: t.month, count: t.seekers });
    out.push({ dimension: 'tren_lowongan', key: t.month, count: t.vacancies });
    out.push({ dimension: 'tren_penempatan', key: t.month, count: t.placements });
  }
  return out;
}
