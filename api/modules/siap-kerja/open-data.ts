import { sql } from 'drizzle-orm';
import { regionZone } from '../../core/datasets/query';
import type { ModuleOpenData } from '../../core/datasets/types';

/** What Siap Kerja publishes through Data & Peta: published vacancies counted, never seekers or applicants. */
export const siapKerjaOpenData: ModuleOpenData = {
  datasets: [
    {
      id: 'lowongan-per-bidang',
      title: {
        id: 'Lowongan kerja per bidang usaha, kecamatan dan bulan',
        en: 'Vacancies per sector, kecamatan and month',
      },
      description: {
        id: 'Lowongan terverifikasi Disnaker yang terbit, dan jumlah orang yang dicari, per bidang usaha, kecamatan dan bulan terbit.',
        en: 'Vacancies verified by Disnaker and the number of people sought, per sector, kecamatan and month published.',
      },
      organisation: 'disnaker',
      tags: ['lowongan', 'ketenagakerjaan', 'pasar kerja'],
      frequency: 'daily',
      fields: [
        { name: 'bulan', type: 'date', label: { id: 'Bulan terbit', en: 'Month published' } },
        { name: 'bidang_usaha', type: 'text', label: { id: 'Bidang usaha', en: 'Sector' } },
        { name: 'kecamatan', type: 'text', label: { id: 'Kecamatan', en: 'Kecamatan' } },
        { name: 'lowongan', type: 'int', label: { id: 'Lowongan', en: 'Vacancies' } },
        { name: 'orang_dicari', type: 'int', label: { id: 'Orang dicari', en: 'People sought' } },
      ],
      query: () => sql`select date_trunc('month', v.published_at at time zone ${regionZone})::date as bulan,
          e.sector as bidang_usaha, v.kecamatan, count(*)::int as lowongan, sum(v.count)::int as orang_dicari
        from siap_kerja_vacancy v join siap_kerja_employer e on e.region_id = v.region_id and e.id = v.employer_id
        where v.published_at is not null
        group by 1, 2, 3`,
    },
  ],
};
